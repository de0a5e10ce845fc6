using NodaTime;

namespace MedAesthetics.Api.Modules.Loyalty;

/// <summary>The earning, tier and redemption rules of docs/rules.md "Loyalty" as pure functions: values in, values out.</summary>
public static class LoyaltyRules
{
    /// <summary>Tiers are decided by the points earned in this many trailing months (fixed, not a setting).</summary>
    public const int TierWindowMonths = 12;

    /// <summary>A ceiling for one earning, far above any treatment, so that an absurd amount paid cannot overflow a ledger entry.</summary>
    public const int MaxPointsPerEarn = 100_000_000;

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
        var basePoints = serviceLoyaltyPoints ?? decimal.Floor(Math.Clamp(amountPaid, 0m, MaxPointsPerEarn));
        return (int)Math.Min(MaxPointsPerEarn, decimal.Floor(Math.Max(0m, basePoints) * Multiplier(tier)));
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
