using MedAesthetics.Api.Modules.Booking;
using NodaTime;

namespace MedAesthetics.UnitTests.Booking;

public sealed class RecurrencePlannerTests
{
    private static readonly DateTimeZone Athens = DateTimeZoneProviders.Tzdb["Europe/Athens"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    [Fact]
    public void A_weekly_series_keeps_the_local_time_so_its_utc_time_moves_across_dst()
    {
        var plan = RecurrencePlanner.Plan(Athens, new LocalDateTime(2026, 3, 24, 10, 0), RecurrenceFrequency.Weekly, 3);

        Assert.Equal([Instant.FromUtc(2026, 3, 24, 8, 0), Instant.FromUtc(2026, 3, 31, 7, 0), Instant.FromUtc(2026, 4, 7, 7, 0)], plan.Select(p => p.Start!.Value));
        Assert.All(plan, p => Assert.Equal(new LocalTime(10, 0), p.LocalStart.TimeOfDay));
        Assert.Equal([1, 2, 3], plan.Select(p => p.Number));
    }

    [Fact]
    public void A_biweekly_series_steps_two_weeks()
    {
        var plan = RecurrencePlanner.Plan(Athens, new LocalDateTime(2026, 1, 6, 9, 0), RecurrenceFrequency.Biweekly, 3);

        Assert.Equal([new LocalDate(2026, 1, 6), new LocalDate(2026, 1, 20), new LocalDate(2026, 2, 3)], plan.Select(p => p.LocalStart.Date));
    }

    [Fact]
    public void A_monthly_series_keeps_the_day_of_month_clamped_to_short_months()
    {
        var plan = RecurrencePlanner.Plan(Athens, new LocalDateTime(2026, 1, 31, 9, 0), RecurrenceFrequency.Monthly, 4);

        Assert.Equal([new LocalDate(2026, 1, 31), new LocalDate(2026, 2, 28), new LocalDate(2026, 3, 31), new LocalDate(2026, 4, 30)], plan.Select(p => p.LocalStart.Date));
    }

    [Fact]
    public void An_occurrence_at_a_local_time_the_clocks_skip_has_no_instant()
    {
        // New York skips 02:00-03:00 on 8 March 2026.
        var plan = RecurrencePlanner.Plan(NewYork, new LocalDateTime(2026, 3, 1, 2, 30), RecurrenceFrequency.Weekly, 2);

        Assert.NotNull(plan[0].Start);
        Assert.Null(plan[1].Start);
    }

    [Fact]
    public void An_occurrence_at_a_repeated_local_time_takes_the_earlier_instant()
    {
        // Athens repeats 03:00-04:00 on 25 October 2026; the first 03:30 is 00:30Z.
        var plan = RecurrencePlanner.Plan(Athens, new LocalDateTime(2026, 10, 18, 3, 30), RecurrenceFrequency.Weekly, 2);

        Assert.Equal(Instant.FromUtc(2026, 10, 25, 0, 30), plan[1].Start);
    }
}
