using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>An appointment booked for a lead (matched by email or phone), with what it earned once completed: the source of revenue and ROAS.</summary>
public sealed class LeadAppointment : Entity
{
    private LeadAppointment() { }

    public Guid LeadId { get; private set; }
    public Guid AppointmentId { get; private set; }
    public decimal? AmountPaid { get; private set; }
    public string Currency { get; private set; } = "EUR";
    public Instant? CompletedAt { get; private set; }

    public static LeadAppointment Link(Guid leadId, Guid appointmentId, string currency) =>
        new() { LeadId = leadId, AppointmentId = appointmentId, Currency = currency };

    public void Complete(decimal amountPaid, Instant completedAt)
    {
        AmountPaid = amountPaid;
        CompletedAt = completedAt;
    }
}
