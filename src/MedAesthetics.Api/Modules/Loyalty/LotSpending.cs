using NodaTime;

namespace MedAesthetics.Api.Modules.Loyalty;

/// <summary>What is left of one earn lot (an earn or positive adjustment entry).</summary>
public sealed record LotBalance(Guid LotId, long Sequence, Instant ExpiresAt, int Points, int Remaining);

/// <summary>Points taken from one lot by a redemption, a negative adjustment or an expiry.</summary>
public sealed record LotDraw(Guid LotId, int Points);

/// <summary>Which lots pay for a debit: the oldest first.</summary>
public static class LotSpending
{
    /// <summary>The draws that spend the points from the oldest lots first, or null when the lots hold fewer points.</summary>
    public static IReadOnlyList<LotDraw>? OldestFirst(IEnumerable<LotBalance> lots, int points)
    {
        if (points <= 0)
            return [];
        var draws = new List<LotDraw>();
        var left = points;
        foreach (var lot in lots.Where(l => l.Remaining > 0).OrderBy(l => l.Sequence))
        {
            var take = Math.Min(left, lot.Remaining);
            draws.Add(new LotDraw(lot.LotId, take));
            left -= take;
            if (left == 0)
                return draws;
        }
        return null;
    }

    /// <summary>Lots whose expiry has come with points left in them, oldest first.</summary>
    public static IReadOnlyList<LotBalance> DueToExpire(IEnumerable<LotBalance> lots, Instant now) =>
        lots.Where(l => l.Remaining > 0 && l.ExpiresAt <= now).OrderBy(l => l.Sequence).ToList();
}
