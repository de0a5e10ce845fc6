using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NodaTime;

namespace MedAesthetics.Api.Modules.Clinics;

/// <summary>
/// Soft-deleted services and clinics are purged after the retention period, with what hangs off them (a clinic's
/// staff, hours, blocked time, services). One the clinic's books still refer to (an appointment, restricted by its
/// foreign key) is kept: the books outlive the retention period. Each row is tried under its own savepoint, so a kept
/// row never undoes the others, and this module needs to know nothing of which other tables refer to it.
/// </summary>
public sealed class ClinicRetention(AppDbContext db, ILogger<ClinicRetention> logger) : IRetentionPolicy
{
    public string Name => "deleted-clinics-and-services";

    public async Task<int> PurgeAsync(Instant cutoff, CancellationToken cancellationToken)
    {
        var services = await db.Set<Service>().IgnoreQueryFilters().Where(s => s.DeletedAt != null && s.DeletedAt < cutoff)
            .Select(s => s.Id).ToListAsync(cancellationToken);
        var clinics = await db.Set<Clinic>().IgnoreQueryFilters().Where(c => c.DeletedAt != null && c.DeletedAt < cutoff)
            .Select(c => c.Id).ToListAsync(cancellationToken);
        if (services.Count == 0 && clinics.Count == 0)
            return 0;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var purged = 0;
        foreach (var id in services)
            purged += await TryPurgeAsync(db.Set<Service>().IgnoreQueryFilters().Where(s => s.Id == id), "service", id, cancellationToken);
        foreach (var id in clinics)
            purged += await TryPurgeAsync(db.Set<Clinic>().IgnoreQueryFilters().Where(c => c.Id == id), "clinic", id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return purged;
    }

    private async Task<int> TryPurgeAsync<T>(IQueryable<T> row, string kind, Guid id, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction!;
        await transaction.CreateSavepointAsync("purge", cancellationToken);
        try
        {
            var deleted = await row.ExecuteDeleteAsync(cancellationToken);
            await transaction.ReleaseSavepointAsync("purge", cancellationToken);
            return deleted;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            await transaction.RollbackToSavepointAsync("purge", cancellationToken);
            logger.LogInformation("Retention keeps deleted {Kind} {Id}: the clinic's books still refer to it ({Constraint})", kind, id, e.ConstraintName);
            return 0;
        }
    }
}
