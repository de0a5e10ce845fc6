using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Platform.Jobs;

/// <summary>What one module purges for data retention: records soft-deleted (or finished) before the cutoff.</summary>
public interface IRetentionPolicy
{
    string Name { get; }
    Task<int> PurgeAsync(Instant cutoff, CancellationToken cancellationToken);
}

/// <summary>Daily: every module's retention policy with the cutoff now - retentionDays (30). Purging twice is harmless.</summary>
public sealed class DataRetentionJob(IEnumerable<IRetentionPolicy> policies, IPlatformSettings platformSettings, IClock clock, ILogger<DataRetentionJob> logger)
    : IRecurringJob
{
    public static string Id => "data-retention";
    public static string Schedule => "30 3 * * *";

    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 3600)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = await platformSettings.GetAsync(cancellationToken);
        var cutoff = clock.GetCurrentInstant() - Duration.FromDays(settings.RetentionDays);
        var total = 0;
        foreach (var policy in policies)
        {
            var purged = await policy.PurgeAsync(cutoff, cancellationToken);
            logger.LogInformation("Retention {Policy} purged {Count} rows older than {Cutoff}", policy.Name, purged, cutoff);
            total += purged;
        }
        return total;
    }
}

/// <summary>Delivered outbox rows and their processed-event marks are kept for the retention period, then purged.</summary>
public sealed class OutboxRetention(AppDbContext db) : IRetentionPolicy
{
    public string Name => "outbox";

    public async Task<int> PurgeAsync(Instant cutoff, CancellationToken cancellationToken) =>
        await db.OutboxMessages.Where(m => m.ProcessedAt != null && m.ProcessedAt < cutoff).ExecuteDeleteAsync(cancellationToken)
        + await db.ProcessedEvents.Where(p => p.ProcessedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
}
