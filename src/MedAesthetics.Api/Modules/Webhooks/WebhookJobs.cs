using Hangfire;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Webhooks;

/// <summary>
/// Sends deliveries. Each try claims its delivery with FOR UPDATE SKIP LOCKED and commits the outcome and the attempt
/// record in the same transaction, so two nodes, a retried job and the sweep never send one try twice. A failed try is
/// tried again after 1, 5, 30 and 120 minutes (5 tries), then the delivery stays failed. The endpoint keeps the first
/// failure since its last success; once that is WebhookDisableAfterHours (24) old, the endpoint is disabled and its
/// owner told (WebhookEndpointDisabled). The recurring sweep sends whatever is due that no enqueued job took.
/// </summary>
public sealed class WebhookDeliveryJob(
    AppDbContext db, WebhookSender sender, IBackgroundJobClient jobs, IPlatformSettings platformSettings, IClinicDirectory clinics, IClock clock,
    ILogger<WebhookDeliveryJob> logger) : IRecurringJob
{
    public static string Id => "webhook-deliveries";
    public static string Schedule => Cron.Minutely();
    private const int SweepBatch = 200;

    public static void Enqueue(IBackgroundJobClient jobs, Guid deliveryId, Instant? notBefore)
    {
        if (notBefore is { } at)
            jobs.Schedule<WebhookDeliveryJob>(job => job.DeliverAsync(deliveryId, CancellationToken.None), at.ToDateTimeOffset());
        else
            jobs.Enqueue<WebhookDeliveryJob>(job => job.DeliverAsync(deliveryId, CancellationToken.None));
    }

    /// <summary>Tries every delivery that is due; returns how many were tried.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        return await DueSweep.RunAsync(() =>
        {
            var now = clock.GetCurrentInstant();
            return db.Set<WebhookDelivery>().AsNoTracking()
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
                .OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(SweepBatch).ToListAsync(cancellationToken);
        }, id => DeliverAsync(id, cancellationToken));
    }

    /// <returns>Whether this call did something (false when the delivery is not due, finished, or being sent elsewhere).</returns>
    [AutomaticRetry(Attempts = 0)]
    public async Task<bool> DeliverAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        var delivery = await db.Set<WebhookDelivery>()
            .FromSql($"""
                SELECT * FROM webhook_deliveries
                WHERE id = {deliveryId} AND status = 'pending' AND next_attempt_at <= {now}
                FOR UPDATE SKIP LOCKED
                """)
            .SingleOrDefaultAsync(cancellationToken);
        if (delivery is null)
            return false;

        var endpoint = await db.Set<WebhookEndpoint>().AsNoTracking().SingleAsync(e => e.Id == delivery.EndpointId, cancellationToken);
        if (!endpoint.Enabled)
        {
            delivery.Abandon("Not sent: the endpoint is disabled.", now);
        }
        else
        {
            var outcome = await sender.SendAsync(endpoint, delivery, now, cancellationToken);
            delivery.Record(outcome, now);
            db.Add(WebhookDeliveryAttempt.Of(delivery, outcome, now));
            if (outcome.Succeeded)
                await db.Set<WebhookEndpoint>().Where(e => e.Id == endpoint.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(e => e.FailingSince, (Instant?)null).SetProperty(e => e.LastSuccessAt, now), cancellationToken);
            else
            {
                logger.LogWarning("Webhook delivery {DeliveryId} to endpoint {EndpointId} failed (try {Attempt}): {Error}",
                    delivery.Id, endpoint.Id, delivery.Attempts, outcome.Error);
                await RecordFailureAsync(endpoint, now, cancellationToken);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (delivery.Status == WebhookDeliveryStatus.Pending)
        {
            try
            {
                Enqueue(jobs, delivery.Id, delivery.NextAttemptAt);
            }
            catch (BackgroundJobClientException e)
            {
                // The retry is recorded; the recurring sweep sends it when it is due.
                logger.LogWarning(e, "Could not schedule the next try of webhook delivery {DeliveryId}; the sweep will take it", delivery.Id);
            }
        }
        return true;
    }

    /// <summary>Keeps the first failure since the last success and disables the endpoint once that is older than the window (once: the row is locked).</summary>
    private async Task RecordFailureAsync(WebhookEndpoint endpoint, Instant now, CancellationToken ct)
    {
        await db.Set<WebhookEndpoint>().Where(e => e.Id == endpoint.Id && e.FailingSince == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.FailingSince, now), ct);
        var hours = (await platformSettings.GetAsync(ct)).WebhookDisableAfterHours;
        var locked = await db.Set<WebhookEndpoint>().FromSql($"SELECT * FROM webhook_endpoints WHERE id = {endpoint.Id} FOR UPDATE").SingleAsync(ct);
        if (!locked.Enabled || !WebhookRetry.ShouldDisable(locked.FailingSince, now, hours))
            return;

        locked.Disable($"Deliveries failed without a success for {hours} hours.", now);
        var notify = new List<Guid> { locked.OwnerId };
        if (locked.ClinicId is { } clinicId && (await clinics.FindClinicAsync(clinicId, ct))?.OwnerId is { } clinicOwner && clinicOwner != locked.OwnerId)
            notify.Add(clinicOwner);
        db.Publish(new WebhookEndpointDisabled(locked.Id, locked.Url, locked.ClinicId, notify, locked.FailingSince!.Value, hours));
        logger.LogWarning("Webhook endpoint {EndpointId} disabled: failing since {FailingSince}", locked.Id, locked.FailingSince);
    }
}
