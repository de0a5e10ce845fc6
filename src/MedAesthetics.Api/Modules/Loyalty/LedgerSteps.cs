using NodaTime;

namespace MedAesthetics.Api.Modules.Loyalty;

/// <summary>
/// The ledger's bookkeeping on values already loaded (a locked account and its open lots): no database, no clock, so
/// the property tests run the same steps the ledger runs. Each step moves the balance and writes the entry recording it.
/// </summary>
public static class LedgerSteps
{
    public static LoyaltyEntry Credit(LoyaltyAccount account, LoyaltyEntryType type, int points, Instant expiresAt, LedgerNote note)
    {
        account.Credit(points, earned: type == LoyaltyEntryType.Earn);
        return LoyaltyEntry.Lot(account, type, points, expiresAt, note);
    }

    /// <summary>Takes the points from the oldest open lots; null (and nothing changed) when they do not cover them.</summary>
    public static LoyaltyEntry? Debit(LoyaltyAccount account, IReadOnlyList<LoyaltyEntry> openLots, LoyaltyEntryType type, int points, LedgerNote note)
    {
        var draws = LotSpending.OldestFirst(openLots.Select(l => l.AsLot()), points);
        if (draws is null || points > account.Balance)
            return null;
        var byId = openLots.ToDictionary(l => l.Id);
        foreach (var draw in draws)
            byId[draw.LotId].Draw(draw.Points);
        account.Debit(points);
        return LoyaltyEntry.Debit(account, type, points, note);
    }

    /// <summary>One expire entry per lot whose expiry has come, oldest first, each taking what was left of it.</summary>
    public static IReadOnlyList<LoyaltyEntry> ExpireDue(LoyaltyAccount account, IReadOnlyList<LoyaltyEntry> openLots, Instant now)
    {
        var byId = openLots.ToDictionary(l => l.Id);
        var written = new List<LoyaltyEntry>();
        foreach (var due in LotSpending.DueToExpire(openLots.Select(l => l.AsLot()), now))
        {
            var lot = byId[due.LotId];
            lot.Draw(due.Remaining);
            account.Debit(due.Remaining);
            written.Add(LoyaltyEntry.Debit(account, LoyaltyEntryType.Expire, due.Remaining,
                new LedgerNote($"{due.Remaining} of {due.Points} points earned on {lot.CreatedAt.InUtc().Date:yyyy-MM-dd} expired",
                    ClinicId: lot.ClinicId, SourceKey: $"expire:{due.LotId}"), due.LotId));
        }
        return written;
    }
}
