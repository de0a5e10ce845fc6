using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Loyalty;

/// <summary>
/// Daily: expires, oldest first, the lots whose validity (pointsValidityMonths) ended, one client per transaction with
/// its account locked, then moves down the tiers of clients whose trailing 12 months no longer hold them. Running it
/// twice (two nodes, a retry) expires nothing twice: a lot with nothing left is not due, and each lot expires under a unique key.
/// </summary>
public sealed class PointsExpiryJob(IServiceScopeFactory scopes, AppDbContext db, IClock clock) : IRecurringJob
{
    public static string Id => "points-expiry";
    public static string Schedule => "15 2 * * *";

    private const int BatchSize = 500;

    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var expired = 0;
        while (true)
        {
            var now = clock.GetCurrentInstant();
            var clients = await db.Set<LoyaltyEntry>().AsNoTracking()
                .Where(e => e.Remaining > 0 && e.ExpiresAt <= now)
                .Select(e => e.ClientId).Distinct().Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var clientId in clients)
                expired += await InOwnTransactionAsync(clientId, (ledger, account, ct) => ledger.ExpireDueAsync(account, ct), cancellationToken);
            if (clients.Count < BatchSize)
                break;
        }

        // Tiers fall when earned points age out of the trailing window, whether or not anything expired today.
        var since = LoyaltyRules.TierWindowStart(clock.GetCurrentInstant());
        var aboveBronze = await db.Set<LoyaltyAccount>().AsNoTracking()
            .Where(a => a.Tier != LoyaltyTier.Bronze)
            .Select(a => new
            {
                a.ClientId,
                a.Tier,
                Trailing = db.Set<LoyaltyEntry>().Where(e => e.ClientId == a.ClientId && e.Type == LoyaltyEntryType.Earn && e.CreatedAt > since).Sum(e => (long?)e.Points) ?? 0,
            })
            .ToListAsync(cancellationToken);
        foreach (var account in aboveBronze.Where(a => LoyaltyRules.TierFor(a.Trailing) != a.Tier))
            await InOwnTransactionAsync(account.ClientId, async (ledger, locked, ct) => { await ledger.RecomputeTierAsync(locked, ct); return 0; }, cancellationToken);
        return expired;
    }

    private async Task<int> InOwnTransactionAsync(Guid clientId, Func<LoyaltyLedger, LoyaltyAccount, CancellationToken, Task<int>> work, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var scopedDb = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ledger = scope.ServiceProvider.GetRequiredService<LoyaltyLedger>();
        await using var transaction = await scopedDb.Database.BeginTransactionAsync(ct);
        var account = await ledger.LockAsync(clientId, ct);
        var done = await work(ledger, account, ct);
        await scopedDb.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return done;
    }
}

/// <summary>
/// Daily: raises LoyaltyPointsExpiring for each lot with points left that expires within pointsExpiryNoticeDays (30),
/// once per lot (the lot remembers the notice; rows are claimed with SKIP LOCKED so two nodes split the work).
/// </summary>
public sealed class ExpiringPointsNoticesJob(AppDbContext db, IPlatformSettings platformSettings, IClock clock) : IRecurringJob
{
    public static string Id => "expiring-points-notices";
    public static string Schedule => "0 9 * * *";

    private const int BatchSize = 500;

    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = await platformSettings.GetAsync(cancellationToken);
        var total = 0;
        while (true)
        {
            var now = clock.GetCurrentInstant();
            var horizon = now + Duration.FromDays(settings.PointsExpiryNoticeDays);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var lots = await db.Set<LoyaltyEntry>()
                .FromSql($"""
                    SELECT * FROM loyalty_entries
                    WHERE remaining > 0 AND notice_sent_at IS NULL AND expires_at > {now} AND expires_at <= {horizon}
                    ORDER BY expires_at, id
                    LIMIT {BatchSize}
                    FOR UPDATE SKIP LOCKED
                    """)
                .ToListAsync(cancellationToken);
            foreach (var lot in lots)
            {
                lot.MarkNoticeSent(now);
                db.Publish(new LoyaltyPointsExpiring(lot.ClientId, lot.Id, lot.Remaining!.Value, lot.ExpiresAt!.Value));
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            total += lots.Count;
            if (lots.Count < BatchSize)
                return total;
        }
    }
}
