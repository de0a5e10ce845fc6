using NodaTime;

namespace MedAesthetics.Api.Modules.Loyalty;

public enum LoyaltyTier
{
    Bronze,
    Silver,
    Gold,
    Platinum,
}

/// <summary>The earning, tier and redemption rules of DOMAIN.md "Loyalty" as pure functions: values in, values out.</summary>
public static class LoyaltyRules
{
    /// <summary>Tiers are decided by the points earned in this many trailing months (fixed, not a setting).</summary>
    public const int TierWindowMonths = 12;

    private static readonly (LoyaltyTier Tier, int From)[] Thresholds =
        [(LoyaltyTier.Bronze, 0), (LoyaltyTier.Silver, 500), (LoyaltyTier.Gold, 1_500), (LoyaltyTier.Platinum, 5_000)];

    public static LoyaltyTier TierFor(long trailingPoints) =>
        Thresholds.Last(t => trailingPoints >= t.From).Tier;

    public static decimal Multiplier(LoyaltyTier tier) => tier switch
    {
        LoyaltyTier.Bronze => 1.0m,
        LoyaltyTier.Silver => 1.1m,
        LoyaltyTier.Gold => 1.25m,
        LoyaltyTier.Platinum => 1.5m,
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, null),
    };

    /// <summary>The next tier and the trailing points still missing to reach it; (null, null) at platinum.</summary>
    public static (LoyaltyTier? Next, long? Missing) NextTier(long trailingPoints)
    {
        var next = Thresholds.FirstOrDefault(t => t.From > trailingPoints);
        return next == default ? (null, null) : (next.Tier, next.From - trailingPoints);
    }

    /// <summary>
    /// Points for a completed appointment: the service's loyaltyPoints when set, else 1 per whole currency unit paid,
    /// times the multiplier of the tier in force; fractions of a point are dropped.
    /// </summary>
    public static int PointsForAppointment(decimal amountPaid, int? serviceLoyaltyPoints, LoyaltyTier tier)
    {
        var basePoints = serviceLoyaltyPoints ?? (int)decimal.Floor(Math.Max(0m, amountPaid));
        return (int)decimal.Floor(Math.Max(0, basePoints) * Multiplier(tier));
    }

    /// <summary>Why a redemption of this many points is not allowed (minimum, step), or null when it is.</summary>
    public static string? RedemptionProblem(int points, int minimum, int step)
    {
        if (points < minimum)
            return $"At least {minimum} points are redeemed at once.";
        if (step > 0 && points % step != 0)
            return $"Points are redeemed in steps of {step}.";
        return null;
    }

    /// <summary>The discount that redeemed points are worth: valuePer100 for every 100 points, to the cent.</summary>
    public static decimal DiscountFor(int points, decimal valuePer100) => decimal.Round(points * valuePer100 / 100m, 2);

    public static Instant LotExpiry(Instant earnedAt, int validityMonths) =>
        earnedAt.InUtc().LocalDateTime.PlusMonths(validityMonths).InUtc().ToInstant();

    public static Instant TierWindowStart(Instant now) =>
        now.InUtc().LocalDateTime.PlusMonths(-TierWindowMonths).InUtc().ToInstant();
}

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
