using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Audit;

/// <summary>
/// The only ways audit rows change: the retention purge and the erasure scrub. The table's trigger refuses UPDATE and
/// DELETE unless the transaction-local setting medaesthetics.audit_maintenance is 'on'; this turns it on for one piece
/// of work and off again, inside a transaction (the caller's, or one of its own).
/// </summary>
public static class AuditMaintenance
{
    public const string Setting = "medaesthetics.audit_maintenance";

    public static async Task<int> RunAsync(AppDbContext db, Func<Task<int>> work, CancellationToken cancellationToken)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT set_config('{Setting}', 'on', true)", cancellationToken);
            var changed = await work();
            await db.Database.ExecuteSqlRawAsync($"SELECT set_config('{Setting}', 'off', true)", cancellationToken);
            if (own is not null)
                await own.CommitAsync(cancellationToken);
            return changed;
        }
        finally
        {
            if (own is not null)
                await own.DisposeAsync();
        }
    }
}
