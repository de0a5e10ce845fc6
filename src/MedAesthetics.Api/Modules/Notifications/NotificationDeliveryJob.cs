using MedAesthetics.Api.Platform.Observability;
using Hangfire;
using MedAesthetics.Api.Modules.Notifications.Channels;
using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Notifications;

/// <summary>
/// Sends queued deliveries. Each delivery is claimed with FOR UPDATE SKIP LOCKED and its new status commits in the same
/// transaction, so two nodes, a retried job and the sweep never send one delivery twice. A failure the provider may
/// recover from is tried again after 1 and 5 minutes (3 tries), then stays failed with its reason. The recurring
/// sweep picks up what no enqueued job took (a crash, a lost enqueue).
/// </summary>
public sealed class NotificationDeliveryJob(
    AppDbContext db, RecipientDirectory recipients, IEnumerable<INotificationChannel> channels, IBackgroundJobClient jobs, IClock clock,
    ILogger<NotificationDeliveryJob> logger) : IRecurringJob
{
    public static string Id => "notification-deliveries";
    public static string Schedule => Cron.Minutely();
    private const int SweepBatch = 200;

    public static void Enqueue(IBackgroundJobClient jobs, Guid deliveryId, Instant notBefore, Instant now)
    {
        if (notBefore <= now)
            jobs.Enqueue<NotificationDeliveryJob>(job => job.DeliverAsync(deliveryId, CancellationToken.None));
        else
            jobs.Schedule<NotificationDeliveryJob>(job => job.DeliverAsync(deliveryId, CancellationToken.None), notBefore.ToDateTimeOffset());
    }

    /// <summary>Sends every delivery that is due; returns how many were attempted.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        return await DueSweep.RunAsync(() =>
        {
            var now = clock.GetCurrentInstant();
            return db.Set<NotificationDelivery>().AsNoTracking()
                .Where(d => d.Status == DeliveryStatus.Queued && d.NextAttemptAt <= now)
                .OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(SweepBatch).ToListAsync(cancellationToken);
        }, id => DeliverAsync(id, cancellationToken));
    }

    /// <returns>Whether this call made an attempt (false when the delivery is not due, done, or being sent elsewhere).</returns>
    [AutomaticRetry(Attempts = 0)]
    public async Task<bool> DeliverAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        var delivery = await db.Set<NotificationDelivery>()
            .FromSql($"""
                SELECT * FROM notification_deliveries
                WHERE id = {deliveryId} AND status = 'queued' AND next_attempt_at <= {now}
                FOR UPDATE SKIP LOCKED
                """)
            .SingleOrDefaultAsync(cancellationToken);
        if (delivery is null)
            return false;

        var notification = await db.Set<Notification>().AsNoTracking().SingleAsync(n => n.Id == delivery.NotificationId, cancellationToken);
        var profile = await recipients.FindAsync(delivery.UserId, cancellationToken);
        var channel = channels.Single(c => c.Channel == delivery.Channel);
        var skip = profile is not { Recipient.IsActive: true } ? "the user no longer exists or is inactive"
            : channel.Unconfigured ?? channel.CannotReach(profile.Recipient);
        if (skip is not null)
        {
            delivery.MarkSkipped(skip);
        }
        else
        {
            var message = new OutgoingMessage(notification.Id, notification.Type, notification.Title, notification.Body,
                DataOf(notification), notification.CreatedAt.ToDateTimeOffset());
            var result = await channel.SendAsync(message, profile!.Recipient, cancellationToken);
            now = clock.GetCurrentInstant();
            if (result.Status == SendStatus.Sent)
                delivery.MarkSent(now);
            else
                delivery.MarkFailed(result.Reason ?? "failed", result.Status == SendStatus.Failed, now);
            if (result.DeadDevices is { Count: > 0 } dead)
                await db.Set<NotificationDevice>().Where(d => dead.Contains(d.Id)).ExecuteDeleteAsync(cancellationToken);
            if (result.Status != SendStatus.Sent)
                Telemetry.NotificationFailed(Platform.Persistence.EnumColumns.ToText(delivery.Channel));
            if (result.Status != SendStatus.Sent)
                logger.LogWarning("Notification delivery {DeliveryId} over {Channel} failed (try {Attempt}): {Reason}",
                    delivery.Id, delivery.Channel, delivery.Attempts, delivery.Reason);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (delivery.Status == DeliveryStatus.Queued)
        {
            try
            {
                Enqueue(jobs, delivery.Id, delivery.NextAttemptAt, now);
            }
            catch (BackgroundJobClientException e)
            {
                // The retry is already recorded; the recurring sweep sends it when it is due.
                logger.LogWarning(e, "Could not schedule the retry of delivery {DeliveryId}; the sweep will take it", delivery.Id);
            }
        }
        return true;
    }

    /// <summary>The notification's data as flat strings (FCM data values must be strings), with its id and type.</summary>
    private static IReadOnlyDictionary<string, string> DataOf(Notification notification)
    {
        var data = new Dictionary<string, string> { ["notificationId"] = notification.Id.ToString(), ["type"] = notification.Type };
        if (notification.Data is null)
            return data;
        using var json = System.Text.Json.JsonDocument.Parse(notification.Data);
        if (json.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
            return data;
        foreach (var property in json.RootElement.EnumerateObject())
            data.TryAdd(property.Name, property.Value.ValueKind == System.Text.Json.JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText());
        return data;
    }
}
