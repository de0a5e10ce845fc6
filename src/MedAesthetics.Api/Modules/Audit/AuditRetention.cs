using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Audit;

/// <summary>Audit entries are kept for 7 years (not the general retention period), then purged under the maintenance switch.</summary>
public sealed class AuditRetention(AppDbContext db, IClock clock) : IRetentionPolicy
{
    public const int KeepYears = 7;

    public string Name => "audit-logs";

    public Task<int> PurgeAsync(Instant cutoff, CancellationToken cancellationToken)
    {
        var auditCutoff = clock.GetCurrentInstant().InUtc().LocalDateTime.PlusYears(-KeepYears).InUtc().ToInstant();
        return AuditMaintenance.RunAsync(db,
            () => db.Set<AuditEntry>().Where(a => a.OccurredAt < auditCutoff).ExecuteDeleteAsync(cancellationToken), cancellationToken);
    }
}
