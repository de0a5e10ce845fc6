using MedAesthetics.Api.Modules.Loyalty;
using NodaTime;

namespace MedAesthetics.UnitTests.Loyalty;

public sealed class LoyaltyRulesTests
{
    [Theory]
    [InlineData(0, LoyaltyTier.Bronze)]
    [InlineData(499, LoyaltyTier.Bronze)]
    [InlineData(500, LoyaltyTier.Silver)]
    [InlineData(1_499, LoyaltyTier.Silver)]
    [InlineData(1_500, LoyaltyTier.Gold)]
    [InlineData(4_999, LoyaltyTier.Gold)]
    [InlineData(5_000, LoyaltyTier.Platinum)]
    [InlineData(1_000_000, LoyaltyTier.Platinum)]
    public void Tier_starts_at_500_1500_and_5000_trailing_points(long points, LoyaltyTier tier) =>
        Assert.Equal(tier, LoyaltyRules.TierFor(points));

    [Theory]
    [InlineData(LoyaltyTier.Bronze, 100)]
    [InlineData(LoyaltyTier.Silver, 110)]
    [InlineData(LoyaltyTier.Gold, 125)]
    [InlineData(LoyaltyTier.Platinum, 150)]
    public void Each_tier_multiplies_the_points_of_100_euros_paid(LoyaltyTier tier, int points) =>
        Assert.Equal(points, LoyaltyRules.PointsForAppointment(100m, null, tier));

    [Fact]
    public void Only_whole_euros_earn_and_fractions_of_a_point_are_dropped()
    {
        Assert.Equal(99, LoyaltyRules.PointsForAppointment(99.99m, null, LoyaltyTier.Bronze));
        Assert.Equal(9, LoyaltyRules.PointsForAppointment(9m, null, LoyaltyTier.Silver));
        Assert.Equal(0, LoyaltyRules.PointsForAppointment(0.99m, null, LoyaltyTier.Platinum));
        Assert.Equal(0, LoyaltyRules.PointsForAppointment(-5m, null, LoyaltyTier.Bronze));
        Assert.Equal(LoyaltyRules.MaxPointsPerEarn, LoyaltyRules.PointsForAppointment(9_999_999_999.99m, null, LoyaltyTier.Platinum));
    }

    [Fact]
    public void A_services_loyalty_points_replace_the_amount_and_are_multiplied_too()
    {
        Assert.Equal(40, LoyaltyRules.PointsForAppointment(300m, 40, LoyaltyTier.Bronze));
        Assert.Equal(60, LoyaltyRules.PointsForAppointment(300m, 40, LoyaltyTier.Platinum));
        Assert.Equal(0, LoyaltyRules.PointsForAppointment(300m, 0, LoyaltyTier.Gold));
    }

    [Fact]
    public void The_next_tier_and_the_points_missing_to_it_are_known_until_platinum()
    {
        Assert.Equal((LoyaltyTier.Silver, 377L), LoyaltyRules.NextTier(123));
        Assert.Equal((LoyaltyTier.Gold, 1_000L), LoyaltyRules.NextTier(500));
        Assert.Equal((LoyaltyTier.Platinum, 1L), LoyaltyRules.NextTier(4_999));
        Assert.Equal(((LoyaltyTier?)null, (long?)null), LoyaltyRules.NextTier(5_000));
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(300, true)]
    [InlineData(99, false)]
    [InlineData(0, false)]
    [InlineData(150, false)]
    [InlineData(250, false)]
    public void Redemptions_take_at_least_100_points_in_steps_of_100(int points, bool allowed) =>
        Assert.Equal(allowed, LoyaltyRules.RedemptionProblem(points, 100, 100) is null);

    [Fact]
    public void Every_100_points_are_worth_the_configured_discount()
    {
        Assert.Equal(5.00m, LoyaltyRules.DiscountFor(100, 5.00m));
        Assert.Equal(35.00m, LoyaltyRules.DiscountFor(700, 5.00m));
        Assert.Equal(7.50m, LoyaltyRules.DiscountFor(300, 2.50m));
    }

    [Fact]
    public void A_lot_expires_the_configured_months_after_it_was_earned()
    {
        var earned = Instant.FromUtc(2026, 3, 2, 8, 0);
        Assert.Equal(Instant.FromUtc(2027, 3, 2, 8, 0), LoyaltyRules.LotExpiry(earned, 12));
        Assert.Equal(Instant.FromUtc(2026, 9, 2, 8, 0), LoyaltyRules.LotExpiry(earned, 6));
    }

    private static LotBalance Lot(int sequence, int remaining, int points = 100, int expiresDay = 10) =>
        new(Guid.NewGuid(), sequence, Instant.FromUtc(2027, 1, expiresDay, 0, 0), points, remaining);

    [Fact]
    public void Spending_takes_the_oldest_lots_first_and_skips_empty_ones()
    {
        var lots = new[] { Lot(3, 100), Lot(1, 0), Lot(2, 40) };
        var draws = LotSpending.OldestFirst(lots, 120)!;
        Assert.Equal([(lots[2].LotId, 40), (lots[0].LotId, 80)], draws.Select(d => (d.LotId, d.Points)));
    }

    [Fact]
    public void Spending_more_than_the_lots_hold_is_refused_whole()
    {
        Assert.Null(LotSpending.OldestFirst([Lot(1, 50), Lot(2, 49)], 100));
        Assert.Empty(LotSpending.OldestFirst([], 0)!);
    }

    [Fact]
    public void Only_lots_with_points_left_whose_expiry_has_come_are_due_oldest_first()
    {
        var now = Instant.FromUtc(2027, 1, 10, 0, 0);
        var lots = new[] { Lot(2, 10, expiresDay: 9), Lot(1, 5, expiresDay: 10), Lot(3, 0, expiresDay: 1), Lot(4, 10, expiresDay: 11) };
        Assert.Equal([1L, 2L], LotSpending.DueToExpire(lots, now).Select(l => l.Sequence));
    }
}
