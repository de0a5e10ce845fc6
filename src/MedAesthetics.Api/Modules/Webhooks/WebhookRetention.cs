using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Webhooks;

/// <summary>Finished deliveries (delivered or failed) with their tries are purged once older than the retention period (retentionDays, 30).</summary>
public sealed class WebhookRetention(AppDbContext db) : IRetentionPolicy
{
    public string Name => "webhook-deliveries";

    public Task<int> PurgeAsync(Instant cutoff, CancellationToken cancellationToken) =>
        db.Set<WebhookDelivery>().Where(d => d.Status != WebhookDeliveryStatus.Pending && d.UpdatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
}
