using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace MedAesthetics.Api.Modules.Booking;

public enum ReminderStatus
{
    Pending,
    Sent,
    Dropped,
}

/// <summary>
/// A reminder owed to a client some hours before an appointment. Written with the booking, moved with a reschedule,
/// dropped when the appointment ends; the send-reminders job claims due ones with SKIP LOCKED, so each is sent once.
/// </summary>
public sealed class AppointmentReminder : Entity
{
    private AppointmentReminder() { }

    public Guid AppointmentId { get; private set; }
    public int HoursBefore { get; private set; }
    public Instant DueAt { get; private set; }
    public ReminderStatus Status { get; private set; }
    public Instant? SentAt { get; private set; }

    public static AppointmentReminder For(Guid appointmentId, int hoursBefore, Instant start) =>
        new() { AppointmentId = appointmentId, HoursBefore = hoursBefore, DueAt = start - Duration.FromHours(hoursBefore), Status = ReminderStatus.Pending };

    public void MarkSent(Instant now)
    {
        Status = ReminderStatus.Sent;
        SentAt = now;
    }
}

public sealed class AppointmentReminderConfiguration : IEntityTypeConfiguration<AppointmentReminder>
{
    public void Configure(EntityTypeBuilder<AppointmentReminder> builder)
    {
        builder.ToTable("appointment_reminders", t => t.HasCheckConstraint("ck_appointment_reminders_hours", "hours_before > 0"));
        builder.Property(r => r.Status).HasSnakeCaseText(builder, "status");
        builder.HasOne<Appointment>().WithMany().HasForeignKey(r => r.AppointmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.AppointmentId, r.HoursBefore }).IsUnique();
        builder.HasIndex(r => r.DueAt).HasFilter("status = 'pending'");
    }
}

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

/// <summary>Every minute: sends the reminders that fell due, each once across all nodes, as AppointmentReminderDue events.</summary>
public sealed class SendRemindersJob(AppDbContext db, IClock clock) : Platform.Jobs.IRecurringJob
{
    public static string Id => "send-reminders";
    public static string Schedule => Hangfire.Cron.Minutely();

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

public sealed class BookingDirectory(AppDbContext db) : IBookingDirectory
{
    public Task<bool> HasBookingAfterAsync(Guid clientId, Guid serviceId, Instant after, CancellationToken cancellationToken) =>
        db.Set<Appointment>().AnyAsync(a => a.ClientId == clientId && a.ServiceId == serviceId && a.Start > after
                                            && (a.Status == AppointmentStatus.Confirmed || a.Status == AppointmentStatus.Completed), cancellationToken);

    public async Task<IReadOnlySet<Guid>> ClientsWithAppointmentsAtAsync(IReadOnlyCollection<Guid> clinicIds, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        var clinics = clinicIds.ToList();
        var users = userIds.ToList();
        if (clinics.Count == 0 || users.Count == 0)
            return new HashSet<Guid>();
        return (await db.Set<Appointment>()
            .Where(a => clinics.Contains(a.ClinicId) && a.ClientId != null && users.Contains(a.ClientId.Value) && AppointmentStatuses.Visible.Contains(a.Status))
            .Select(a => a.ClientId!.Value).Distinct().ToListAsync(cancellationToken)).ToHashSet();
    }
}
