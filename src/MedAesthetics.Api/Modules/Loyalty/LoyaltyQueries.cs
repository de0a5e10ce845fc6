using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Loyalty;

/// <summary>The reads: a client's account summary and its ledger history, newest first.</summary>
public sealed class LoyaltyQueries(AppDbContext db, LoyaltyLedger ledger, LoyaltyAccess access, IPlatformSettings platformSettings, IClock clock)
{
    public async Task<Outcome<LoyaltyAccountResponse>> AccountAsync(Guid clientId, AccessScope scope, CancellationToken ct)
    {
        await using var connection = await db.Database.HoldConnectionAsync(ct);   // four queries, one connection
        if (await access.CheckAsync(clientId, scope, LoyaltyUse.Read, ct) is { } denied)
            return denied;
        // A client whose registration event is still in the outbox (or who predates the module) gets its account now.
        await ledger.EnsureAccountAsync(clientId, ct);
        var account = await db.Set<LoyaltyAccount>().AsNoTracking().SingleAsync(a => a.ClientId == clientId, ct);
        var settings = await platformSettings.GetAsync(ct);
        var now = clock.GetCurrentInstant();
        var horizon = now + Duration.FromDays(settings.PointsExpiryNoticeDays);
        var expiring = await db.Set<LoyaltyEntry>().AsNoTracking()
            .Where(e => e.ClientId == clientId && e.Remaining > 0 && e.ExpiresAt <= horizon)
            .OrderBy(e => e.ExpiresAt).ThenBy(e => e.Sequence)
            .Select(e => new ExpiringPoints(e.Remaining!.Value, e.ExpiresAt!.Value))
            .ToListAsync(ct);
        var trailing = await ledger.TrailingPointsAsync(clientId, ct);
        var (next, missing) = LoyaltyRules.NextTier(trailing);
        return new LoyaltyAccountResponse(account.ClientId, account.Balance, account.LifetimePoints, EnumColumns.ToText(account.Tier),
            next is { } n ? EnumColumns.ToText(n) : null, missing, expiring, account.ReferralCode, trailing);
    }

    public async Task<Outcome<PageOf<LoyaltyEntryResponse>>> HistoryAsync(Guid clientId, PageQuery paging, AccessScope scope, CancellationToken ct)
    {
        if (await access.CheckAsync(clientId, scope, LoyaltyUse.Read, ct) is { } denied)
            return denied;
        var page = await db.Set<LoyaltyEntry>().AsNoTracking()
            .Where(e => e.ClientId == clientId)
            .OrderByDescending(e => e.Sequence)
            .ToPageAsync(paging, ct);
        return page.Map(LoyaltyEntryResponse.From);
    }
}
