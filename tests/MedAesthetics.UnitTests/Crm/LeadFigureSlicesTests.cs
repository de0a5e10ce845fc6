using MedAesthetics.Api.Modules.Crm;
using NodaTime;

namespace MedAesthetics.UnitTests.Crm;

public sealed class LeadFigureSlicesTests
{
    private static Instant Utc(int month, int day, int hour, int minute = 0) => Instant.FromUtc(2026, month, day, hour, minute);

    /// <summary>The slices in order must be contiguous from the period's start to its end, each boundary on the grain its table needs.</summary>
    private static void AssertCoversExactly(LeadFigureSlices s, Instant from, Instant to)
    {
        Assert.Equal(from, s.LiveFrom);
        Assert.Equal(to, s.LiveTo);
        Assert.True(s.LiveFrom <= s.HoursFrom && s.HoursFrom <= s.DaysFrom && s.DaysFrom <= s.WeeksFrom && s.WeeksFrom <= s.WeeksTo
                    && s.WeeksTo <= s.DaysTo && s.DaysTo <= s.HoursTo && s.HoursTo <= s.LiveTo);
        if (s.HoursFrom < s.HoursTo)
        {
            Assert.Equal(0, s.HoursFrom.ToUnixTimeTicks() % Duration.FromHours(1).BclCompatibleTicks);
            Assert.Equal(0, s.HoursTo.ToUnixTimeTicks() % Duration.FromHours(1).BclCompatibleTicks);
        }
        if (s.DaysFrom < s.DaysTo)
        {
            Assert.Equal(s.DaysFrom, s.DaysFromDate.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant());
            Assert.Equal(s.DaysTo, s.DaysToDate.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant());
        }
        else
        {
            Assert.Equal(s.DaysFromDate, s.DaysToDate);   // no whole day: the daily table is not read
        }
        if (s.WeeksFrom < s.WeeksTo)
        {
            Assert.Equal(IsoDayOfWeek.Monday, s.WeeksFromDate.DayOfWeek);
            Assert.Equal(IsoDayOfWeek.Monday, s.WeeksToDate.DayOfWeek);
            Assert.Equal(s.WeeksFrom, s.WeeksFromDate.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant());
            Assert.Equal(s.WeeksTo, s.WeeksToDate.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant());
            // The days on either side are fewer than a week: a whole week inside the period is always read weekly.
            Assert.True(s.WeeksFrom - s.DaysFrom < Duration.FromDays(7) && s.DaysTo - s.WeeksTo < Duration.FromDays(7));
        }
        else
        {
            Assert.Equal(s.WeeksFromDate, s.WeeksToDate);   // no whole week: the weekly table is not read
            Assert.True(s.DaysTo - s.DaysFrom < Duration.FromDays(13));
        }
    }

    [Fact]
    public void The_last_30_days_read_their_whole_utc_weeks_from_the_weekly_figures_and_the_days_around_them_daily()
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Athens"];
        var from = new LocalDate(2026, 11, 4).AtStartOfDayInZone(zone).ToInstant();   // Wednesday, 2026-11-03T22:00Z
        var to = new LocalDate(2026, 12, 4).AtStartOfDayInZone(zone).ToInstant();     // Friday, 2026-12-03T22:00Z
        var s = LeadFigureSlices.For(from, to);

        AssertCoversExactly(s, from, to);
        Assert.Equal(new LocalDate(2026, 11, 4), s.DaysFromDate);
        Assert.Equal(new LocalDate(2026, 11, 9), s.WeeksFromDate);    // the first Monday
        Assert.Equal(new LocalDate(2026, 11, 30), s.WeeksToDate);     // three whole weeks
        Assert.Equal(new LocalDate(2026, 12, 3), s.DaysToDate);
    }

    [Fact]
    public void A_period_with_no_whole_utc_week_reads_no_weekly_figures()
    {
        // Wednesday to the next Tuesday: seven whole days, but no Monday-to-Sunday week among them.
        var s = LeadFigureSlices.For(Utc(11, 4, 0), Utc(11, 11, 0));
        AssertCoversExactly(s, Utc(11, 4, 0), Utc(11, 11, 0));
        Assert.Equal(s.WeeksFrom, s.WeeksTo);
        Assert.Equal(new LocalDate(2026, 11, 4), s.DaysFromDate);
        Assert.Equal(new LocalDate(2026, 11, 11), s.DaysToDate);

        // Monday to Monday: one whole week and no day beside it.
        var week = LeadFigureSlices.For(Utc(11, 9, 0), Utc(11, 16, 0));
        AssertCoversExactly(week, Utc(11, 9, 0), Utc(11, 16, 0));
        Assert.Equal(new LocalDate(2026, 11, 9), week.WeeksFromDate);
        Assert.Equal(new LocalDate(2026, 11, 16), week.WeeksToDate);
        Assert.Equal(week.DaysFrom, week.WeeksFrom);
        Assert.Equal(week.DaysTo, week.WeeksTo);
    }

    [Fact]
    public void An_Athens_month_reads_its_whole_utc_days_from_the_daily_figures_and_the_two_edge_stretches_by_the_hour()
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Athens"];
        var from = new LocalDate(2026, 11, 1).AtStartOfDayInZone(zone).ToInstant();   // 2026-10-31T22:00Z
        var to = new LocalDate(2026, 12, 1).AtStartOfDayInZone(zone).ToInstant();     // 2026-11-30T22:00Z
        var s = LeadFigureSlices.For(from, to);

        AssertCoversExactly(s, from, to);
        Assert.Equal(Utc(10, 31, 22), s.HoursFrom);
        Assert.Equal(new LocalDate(2026, 11, 1), s.DaysFromDate);
        Assert.Equal(new LocalDate(2026, 11, 30), s.DaysToDate);
        Assert.Equal(Utc(11, 30, 22), s.HoursTo);
    }

    [Fact]
    public void A_half_hour_zone_reads_the_first_and_last_half_hours_from_the_leads_themselves()
    {
        var zone = DateTimeZoneProviders.Tzdb["Asia/Kolkata"];
        var from = new LocalDate(2026, 3, 10).AtStartOfDayInZone(zone).ToInstant();   // 2026-03-09T18:30Z
        var to = new LocalDate(2026, 3, 13).AtStartOfDayInZone(zone).ToInstant();     // 2026-03-12T18:30Z
        var s = LeadFigureSlices.For(from, to);

        AssertCoversExactly(s, from, to);
        Assert.Equal(Utc(3, 9, 19), s.HoursFrom);
        Assert.Equal(new LocalDate(2026, 3, 10), s.DaysFromDate);
        Assert.Equal(new LocalDate(2026, 3, 12), s.DaysToDate);
        Assert.Equal(Utc(3, 12, 18), s.HoursTo);
    }

    [Fact]
    public void A_period_within_one_utc_day_reads_no_daily_figures_and_one_shorter_than_an_hour_reads_only_leads()
    {
        var hours = LeadFigureSlices.For(Utc(3, 9, 18, 30), Utc(3, 9, 23, 15));
        AssertCoversExactly(hours, Utc(3, 9, 18, 30), Utc(3, 9, 23, 15));
        Assert.Equal(Utc(3, 9, 19), hours.HoursFrom);
        Assert.Equal(Utc(3, 9, 23), hours.HoursTo);
        Assert.Equal(hours.DaysFrom, hours.DaysTo);

        var minutes = LeadFigureSlices.For(Utc(3, 9, 18, 10), Utc(3, 9, 18, 50));
        AssertCoversExactly(minutes, Utc(3, 9, 18, 10), Utc(3, 9, 18, 50));
        Assert.Equal(minutes.HoursFrom, minutes.HoursTo);
    }

    [Fact]
    public void Every_period_is_covered_exactly_once_whatever_its_boundaries()
    {
        var random = new Random(20261201);
        for (var i = 0; i < 2000; i++)
        {
            var from = Utc(1, 1, 0) + Duration.FromMinutes(random.Next(0, 60 * 24 * 90));
            var to = from + Duration.FromMinutes(random.Next(0, 60 * 24 * 40));
            AssertCoversExactly(LeadFigureSlices.For(from, to), from, to);
        }
    }
}
