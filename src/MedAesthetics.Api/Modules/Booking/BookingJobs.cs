using Hangfire;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Booking;

/// <summary>Marks holds past their expiry as expired (every minute). Taking a slot also releases expired holds it overlaps, so this only tidies.</summary>
public sealed class ExpireHoldsJob(AppDbContext db, IClock clock) : IRecurringJob
{
    public static string Id => "expire-holds";
    public static string Schedule => Cron.Minutely();

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        return await db.Set<Appointment>()
            .Where(a => a.Status == AppointmentStatus.Held && a.HoldExpiresAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AppointmentStatus.Expired).SetProperty(a => a.UpdatedAt, now), cancellationToken);
    }
}

/// <summary>Every minute: sends the reminders that fell due, each once across all nodes, as AppointmentReminderDue events.</summary>
public sealed class SendRemindersJob(AppDbContext db, IClock clock) : IRecurringJob
{
    public static string Id => "send-reminders";
    public static string Schedule => Cron.Minutely();

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        var due = await db.Set<AppointmentReminder>()
            .FromSqlInterpolated($"SELECT * FROM appointment_reminders WHERE status = 'pending' AND due_at <= {now} ORDER BY due_at LIMIT 500 FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        var appointmentIds = due.Select(r => r.AppointmentId).ToList();
        var appointments = await db.Set<Appointment>().Where(a => appointmentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        foreach (var reminder in due)
        {
            reminder.MarkSent(now);
            if (appointments.TryGetValue(reminder.AppointmentId, out var appointment) && appointment.IsActive)
                db.Publish(new AppointmentReminderDue(appointment.Facts(), reminder.HoursBefore, reminder.Id));
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }
}
