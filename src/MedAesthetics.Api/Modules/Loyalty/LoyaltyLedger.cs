using System.Security.Cryptography;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Loyalty;

/// <summary>
/// The only writer of the ledger. Every method works on accounts the caller locked with <see cref="LockAsync"/> inside
/// its transaction, so entries of one client are written one transaction at a time, in sequence, and the balance moves
/// with them. The database refuses what the code must never do (a negative balance, an over-spent lot).
/// </summary>
public sealed class LoyaltyLedger(AppDbContext db, IClock clock)
{
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int CodeLength = 8;

    private DbSet<LoyaltyEntry> Entries => db.Set<LoyaltyEntry>();

    /// <summary>Creates the client's account (with a fresh referral code) unless it exists; safe under concurrency.</summary>
    public async Task EnsureAccountAsync(Guid clientId, CancellationToken ct)
    {
        // Reads are the common case: they should not attempt an insert each time.
        if (await db.Set<LoyaltyAccount>().AnyAsync(a => a.ClientId == clientId, ct))
            return;
        var now = clock.GetCurrentInstant();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            // ON CONFLICT DO NOTHING covers both a concurrent creation of the account and a (rare) referral code collision.
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO loyalty_accounts (id, client_id, balance, lifetime_points, tier, referral_code, entry_count, created_at, updated_at)
                VALUES ({Guid.CreateVersion7()}, {clientId}, 0, 0, 'bronze', {NewReferralCode()}, 0, {now}, {now})
                ON CONFLICT DO NOTHING
                """, ct);
            if (await db.Set<LoyaltyAccount>().AnyAsync(a => a.ClientId == clientId, ct))
                return;
        }
        throw new InvalidOperationException($"Could not create a loyalty account for {clientId}.");
    }

    /// <summary>Creates when needed and locks the accounts (in a fixed order, so two lockers never wait for each other).</summary>
    public async Task<IReadOnlyDictionary<Guid, LoyaltyAccount>> LockAsync(IReadOnlyCollection<Guid> clientIds, CancellationToken ct)
    {
        foreach (var clientId in clientIds.Distinct().Order())
            await EnsureAccountAsync(clientId, ct);
        var ids = clientIds.Distinct().ToArray();
        var accounts = await db.Set<LoyaltyAccount>()
            .FromSql($"SELECT * FROM loyalty_accounts WHERE client_id = ANY({ids}) ORDER BY client_id FOR UPDATE")
            .ToListAsync(ct);
        return accounts.ToDictionary(a => a.ClientId);
    }

    public async Task<LoyaltyAccount> LockAsync(Guid clientId, CancellationToken ct) => (await LockAsync([clientId], ct))[clientId];

    public Task<bool> HasEntryAsync(string sourceKey, CancellationToken ct) => Entries.AnyAsync(e => e.SourceKey == sourceKey, ct);

    /// <summary>Credits a lot: earned points (which count for the tier and lifetime) or a positive adjustment.</summary>
    public async Task<LoyaltyEntry> CreditAsync(LoyaltyAccount account, LoyaltyEntryType type, int points, int validityMonths, LedgerNote note, CancellationToken ct)
    {
        var lot = LedgerSteps.Credit(account, type, points, LoyaltyRules.LotExpiry(clock.GetCurrentInstant(), validityMonths), note);
        Entries.Add(lot);
        if (type == LoyaltyEntryType.Earn)
            await RecomputeTierAsync(account, ct);
        return lot;
    }

    /// <summary>Takes points from the oldest lots first; null when the balance does not cover them (nothing written).</summary>
    public async Task<LoyaltyEntry?> DebitAsync(LoyaltyAccount account, LoyaltyEntryType type, int points, LedgerNote note, CancellationToken ct)
    {
        var entry = LedgerSteps.Debit(account, await OpenLotsAsync(account.ClientId, ct), type, points, note);
        if (entry is not null)
            Entries.Add(entry);
        return entry;
    }

    /// <summary>Expires, oldest first, every lot of the account whose expiry has come; one expire entry per lot.</summary>
    public async Task<int> ExpireDueAsync(LoyaltyAccount account, CancellationToken ct)
    {
        var expired = LedgerSteps.ExpireDue(account, await OpenLotsAsync(account.ClientId, ct), clock.GetCurrentInstant());
        if (expired.Count == 0)
            return 0;
        Entries.AddRange(expired);
        await RecomputeTierAsync(account, ct);
        return expired.Count;
    }

    /// <summary>Sets the tier from the points earned in the trailing 12 months and raises LoyaltyTierChanged when it moves.</summary>
    public async Task RecomputeTierAsync(LoyaltyAccount account, CancellationToken ct)
    {
        var trailing = await TrailingPointsAsync(account.ClientId, ct);
        if (account.MoveTo(LoyaltyRules.TierFor(trailing)) is { } previous)
            db.Publish(new LoyaltyTierChanged(account.ClientId, EnumColumns.ToText(previous), EnumColumns.ToText(account.Tier), (int)Math.Min(int.MaxValue, trailing)));
    }

    /// <summary>Points earned in the trailing window, counting entries added but not yet saved.</summary>
    public async Task<long> TrailingPointsAsync(Guid clientId, CancellationToken ct)
    {
        var since = LoyaltyRules.TierWindowStart(clock.GetCurrentInstant());
        var saved = await Entries.Where(e => e.ClientId == clientId && e.Type == LoyaltyEntryType.Earn && e.CreatedAt > since)
            .SumAsync(e => (long)e.Points, ct);
        var pending = db.ChangeTracker.Entries<LoyaltyEntry>()
            .Where(e => e.State == EntityState.Added && e.Entity.ClientId == clientId && e.Entity.Type == LoyaltyEntryType.Earn)
            .Sum(e => (long)e.Entity.Points);
        return saved + pending;
    }

    /// <summary>The account's lots with points left, tracked so that draws are saved (the account lock makes them ours).</summary>
    private async Task<List<LoyaltyEntry>> OpenLotsAsync(Guid clientId, CancellationToken ct)
    {
        var saved = await Entries.Where(e => e.ClientId == clientId && e.Remaining > 0).OrderBy(e => e.Sequence).ToListAsync(ct);
        var pending = db.ChangeTracker.Entries<LoyaltyEntry>()
            .Where(e => e.State == EntityState.Added && e.Entity.ClientId == clientId && e.Entity.Remaining > 0).Select(e => e.Entity);
        return saved.Concat(pending).DistinctBy(e => e.Id).OrderBy(e => e.Sequence).ToList();
    }

    public static string NewReferralCode() =>
        string.Create(CodeLength, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        });

    public static string NormalizeCode(string code) => code.Trim().ToUpperInvariant();
}
