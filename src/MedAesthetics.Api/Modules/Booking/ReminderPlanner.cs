using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Booking;

/// <summary>Keeps an appointment's reminders in step with it, inside the transaction that changes the appointment.</summary>
public sealed class ReminderPlanner(AppDbContext db)
{
    /// <summary>Plans one reminder per configured offset that is still in the future (a booking made 3 hours ahead gets only the 2-hour one).</summary>
    public async Task PlanAsync(Appointment appointment, IEnumerable<int> hoursBefore, Instant now, CancellationToken ct)
    {
        await DropAsync(appointment.Id, ct);
        foreach (var hours in hoursBefore.Where(h => h > 0).Distinct())
        {
            var reminder = AppointmentReminder.For(appointment.Id, hours, appointment.Start);
            if (reminder.DueAt > now)
                db.Set<AppointmentReminder>().Add(reminder);
        }
    }

    /// <summary>Drops the pending reminders (cancel, complete, no-show, or before re-planning).</summary>
    public Task<int> DropAsync(Guid appointmentId, CancellationToken ct) =>
        db.Set<AppointmentReminder>().Where(r => r.AppointmentId == appointmentId && r.Status == ReminderStatus.Pending)
            .ExecuteDeleteAsync(ct);
}
