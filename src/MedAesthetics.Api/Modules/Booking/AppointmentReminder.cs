using MedAesthetics.Api.Platform.Persistence;
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
