using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Notifications;

public enum NotificationChannel
{
    InApp,
    Push,
    Email,
    Sms,
    Viber,
}

public enum DeliveryStatus
{
    Queued,
    Sent,
    Failed,
    Skipped,
}

/// <summary>One channel's attempt at one notification: queued until a job sends it, then sent, failed or skipped, with the reason.</summary>
public sealed class NotificationDelivery : Entity
{
    public const int MaxAttempts = 3;

    private NotificationDelivery() { }

    public Guid NotificationId { get; private set; }
    public Guid UserId { get; private set; }
    public NotificationChannel Channel { get; private set; }
    public DeliveryStatus Status { get; private set; }
    public string? Reason { get; private set; }
    public int Attempts { get; private set; }
    /// <summary>When the next try may run (quiet hours, backoff).</summary>
    public Instant NextAttemptAt { get; private set; }
    public Instant? SentAt { get; private set; }

    public static NotificationDelivery Plan(Guid notificationId, Guid userId, ChannelPlan plan) => new()
    {
        NotificationId = notificationId, UserId = userId, Channel = plan.Channel,
        Status = plan.SkipReason is null ? DeliveryStatus.Queued : DeliveryStatus.Skipped,
        Reason = plan.SkipReason, NextAttemptAt = plan.NotBefore,
    };

    public void MarkSent(Instant now)
    {
        Attempts++;
        Status = DeliveryStatus.Sent;
        Reason = null;
        SentAt = now;
    }

    public void MarkSkipped(string reason)
    {
        Status = DeliveryStatus.Skipped;
        Reason = reason;
    }

    /// <summary>A failed try: retried with backoff (1, then 5 minutes) until the third, then failed for good; a permanent failure stops at once.</summary>
    public void MarkFailed(string reason, bool retryable, Instant now)
    {
        Attempts++;
        Reason = reason.Length > 500 ? reason[..500] : reason;
        if (retryable && Attempts < MaxAttempts)
            NextAttemptAt = now + Backoff(Attempts);
        else
            Status = DeliveryStatus.Failed;
    }

    public static Duration Backoff(int attempts) => Duration.FromMinutes(attempts == 1 ? 1 : 5);
}
