using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Tasks;

/// <summary>A completed treatment whose service has repeatAfterDays: on DueAt, if the client has not booked it again, it is time to rebook.</summary>
public sealed class RepeatTreatmentCheck : Entity
{
    private RepeatTreatmentCheck() { }

    public Guid AppointmentId { get; private set; }
    public Guid ClientId { get; private set; }
    public Guid ServiceId { get; private set; }
    public Guid ClinicId { get; private set; }
    public Instant CompletedAt { get; private set; }
    public Instant DueAt { get; private set; }
    public Instant? CheckedAt { get; private set; }

    public static RepeatTreatmentCheck Schedule(Guid appointmentId, Guid clientId, Guid serviceId, Guid clinicId, Instant completedAt, Instant dueAt) =>
        new() { AppointmentId = appointmentId, ClientId = clientId, ServiceId = serviceId, ClinicId = clinicId, CompletedAt = completedAt, DueAt = dueAt };

    public void MarkChecked(Instant now) => CheckedAt = now;
}
