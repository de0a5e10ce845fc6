using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>Soft-deleted leads are purged (with their history) once the retention period has passed.</summary>
public sealed class LeadRetention(AppDbContext db) : IRetentionPolicy
{
    public string Name => "leads";

    public Task<int> PurgeAsync(Instant cutoff, CancellationToken cancellationToken) =>
        db.Set<Lead>().IgnoreQueryFilters().Where(l => l.DeletedAt != null && l.DeletedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
}
