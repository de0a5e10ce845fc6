using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Outbox;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>An appointment booked for a lead's email or phone moves the open lead to booked and links the appointment to it.</summary>
public sealed class MoveLeadsToBookedOnAppointmentBooked(AppDbContext db, IUserDirectory users, IPlatformSettings platformSettings, LeadStatusMover mover)
    : IntegrationEventHandler<AppointmentBooked>
{
    protected override async Task HandleAsync(AppointmentBooked booked, EventContext context, CancellationToken ct)
    {
        var client = await users.FindAsync(booked.Appointment.ClientId, ct);
        if (client is null)
            return;
        var email = LeadContact.NormalizeEmail(client.Email);
        var phone = LeadContact.NormalizePhone(client.Phone, (await platformSettings.GetAsync(ct)).DefaultPhoneRegion);
        var leads = await db.Set<Lead>()
            .Where(l => (l.Status == LeadStatus.New || l.Status == LeadStatus.Contacted || l.Status == LeadStatus.Qualified)
                        && ((email != null && l.Email == email) || (phone != null && l.Phone == phone)))
            .ToListAsync(ct);
        foreach (var lead in leads)
        {
            mover.Move(lead, LeadStatus.Booked, "appointment booked");
            if (!await db.Set<LeadAppointment>().AnyAsync(a => a.LeadId == lead.Id && a.AppointmentId == booked.Appointment.AppointmentId, ct))
                db.Set<LeadAppointment>().Add(LeadAppointment.Link(lead.Id, booked.Appointment.AppointmentId, booked.Appointment.Currency));
        }
    }
}

/// <summary>Completing an appointment linked to a lead records what it earned and moves a booked lead to converted.</summary>
public sealed class ConvertLeadsOnAppointmentCompleted(AppDbContext db, LeadStatusMover mover) : IntegrationEventHandler<AppointmentCompleted>
{
    protected override async Task HandleAsync(AppointmentCompleted completed, EventContext context, CancellationToken ct)
    {
        var links = await db.Set<LeadAppointment>().Where(a => a.AppointmentId == completed.Appointment.AppointmentId).ToListAsync(ct);
        if (links.Count == 0)
            return;
        var leadIds = links.Select(l => l.LeadId).ToList();
        var leads = await db.Set<Lead>().Where(l => leadIds.Contains(l.Id)).ToListAsync(ct);
        foreach (var link in links)
            link.Complete(completed.AmountPaid, completed.CompletedAt);
        foreach (var lead in leads.Where(l => l.Status == LeadStatus.Booked))
            mover.Move(lead, LeadStatus.Converted, "treatment completed");
    }
}
