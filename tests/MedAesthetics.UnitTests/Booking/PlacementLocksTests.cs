using MedAesthetics.Api.Modules.Booking;
using NodaTime;

namespace MedAesthetics.UnitTests.Booking;

public sealed class PlacementLocksTests
{
    private static readonly Guid Provider = Guid.Parse("0196a1b2-0000-7000-8000-000000000001");
    private static Instant Utc(int day, int hour, int minute = 0) => Instant.FromUtc(2026, 3, day, hour, minute);

    [Fact]
    public void A_placement_within_one_utc_day_takes_that_days_lock()
    {
        Assert.Equal(["placement:0196a1b2000070008000000000000001:2026-03-03"], PlacementLocks.Keys(Provider, Utc(3, 9), Utc(3, 10, 15)));
    }

    [Fact]
    public void A_placement_across_midnight_takes_both_days_earliest_first()
    {
        Assert.Equal(
            ["placement:0196a1b2000070008000000000000001:2026-03-03", "placement:0196a1b2000070008000000000000001:2026-03-04"],
            PlacementLocks.Keys(Provider, Utc(3, 23, 30), Utc(4, 0, 30)));
    }

    [Fact]
    public void A_placement_ending_at_midnight_does_not_take_the_next_day()
    {
        // Occupied ranges are half-open: one ending at 00:00 cannot overlap a placement of the next day.
        Assert.Single(PlacementLocks.Keys(Provider, Utc(3, 23), Utc(4, 0)));
    }

    [Fact]
    public void Overlapping_placements_always_share_a_lock()
    {
        var a = PlacementLocks.Keys(Provider, Utc(3, 22), Utc(4, 1));
        var b = PlacementLocks.Keys(Provider, Utc(4, 0, 45), Utc(4, 2));
        Assert.NotEmpty(a.Intersect(b));
        Assert.Empty(PlacementLocks.Keys(Guid.NewGuid(), Utc(4, 0, 45), Utc(4, 2)).Intersect(b));
    }
}
