using MedAesthetics.Api.Modules.Booking;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;
using static NodaTime.IsoDayOfWeek;

namespace MedAesthetics.UnitTests.Booking;

// Expected instants come from the offsets: Athens UTC+2 in winter, UTC+3 in summer; New York UTC-5 / UTC-4.
public sealed class AvailabilityCalculatorTests
{
    private static readonly DateTimeZone Athens = DateTimeZoneProviders.Tzdb["Europe/Athens"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly Guid ProviderA = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid ProviderB = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    private static readonly InstantPattern UtcPattern = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm'Z'");

    private static readonly LocalDate WinterMonday = new(2026, 1, 5);
    private static readonly LocalDate SummerMonday = new(2026, 6, 1);

    private static LocalTime Time(string text) => TimePattern.Parse(text).Value;

    private static Instant Utc(string text) => UtcPattern.Parse(text).Value;

    private static WeeklyInterval Hours(IsoDayOfWeek day, string start, string end) => new(day, Time(start), Time(end));

    private static Interval LocalRange(DateTimeZone zone, LocalDate date, string start, string end) =>
        new(zone.AtStrictly(date + Time(start)).ToInstant(), zone.AtStrictly(date + Time(end)).ToInstant());

    private static Instant LocalInstant(DateTimeZone zone, LocalDate date, string time) => zone.AtStrictly(date + Time(time)).ToInstant();

    private static AvailabilityRequest Request(DateTimeZone zone, LocalDate firstDate, params WeeklyInterval[] hours) => new(
        zone, firstDate, Days: 1,
        ServiceDuration: Duration.FromMinutes(60), BufferBefore: Duration.Zero, BufferAfter: Duration.Zero,
        StepMinutes: 15, EarliestStart: Utc("2000-01-01T00:00Z"), LatestStart: Utc("2100-01-01T00:00Z"),
        Providers: [new ProviderCalendar(ProviderA, hours, [])]);

    private static AvailabilityRequest WithUnavailable(AvailabilityRequest request, params Interval[] unavailable) =>
        request with { Providers = [request.Providers[0] with { Unavailable = unavailable }] };

    private static string[] LocalStarts(IEnumerable<Slot> slots, DateTimeZone zone) =>
        slots.Select(s => TimePattern.Format(s.Start.InZone(zone).TimeOfDay)).ToArray();

    private static string[] UtcStarts(IEnumerable<Slot> slots) => slots.Select(s => UtcPattern.Format(s.Start)).ToArray();

    private static string[] Grid(string first, string last, int stepMinutes = 15)
    {
        var times = new List<string>();
        for (var t = Time(first); t <= Time(last); t = t.PlusMinutes(stepMinutes))
            times.Add(TimePattern.Format(t));
        return [.. times];
    }

    [Fact]
    public void A_plain_winter_day_offers_every_quarter_hour_where_the_service_fits()
    {
        var slots = AvailabilityCalculator.Calculate(Request(Athens, WinterMonday, Hours(Monday, "09:00", "17:00")));

        Assert.Equal(29, slots.Count);
        Assert.Equal(Utc("2026-01-05T07:00Z"), slots[0].Start);
        Assert.Equal(Utc("2026-01-05T08:00Z"), slots[0].End);
        Assert.Equal(Utc("2026-01-05T14:00Z"), slots[^1].Start);
        Assert.Equal(Grid("09:00", "16:00"), LocalStarts(slots, Athens));
        Assert.All(slots, s => Assert.Equal(ProviderA, s.ProviderId));
    }

    [Fact]
    public void A_plain_summer_day_uses_the_summer_offset()
    {
        var slots = AvailabilityCalculator.Calculate(Request(Athens, SummerMonday, Hours(Monday, "09:00", "17:00")));

        Assert.Equal(29, slots.Count);
        Assert.Equal(Utc("2026-06-01T06:00Z"), slots[0].Start);
        Assert.Equal(Utc("2026-06-01T13:00Z"), slots[^1].Start);
    }

    [Fact]
    public void A_buffer_before_pushes_the_first_start_to_the_next_step()
    {
        var request = Request(Athens, WinterMonday, Hours(Monday, "09:00", "17:00")) with { BufferBefore = Duration.FromMinutes(10) };

        var slots = AvailabilityCalculator.Calculate(request);

        Assert.Equal("09:15", LocalStarts(slots, Athens)[0]);
        Assert.Equal("16:00", LocalStarts(slots, Athens)[^1]);
    }

    [Fact]
    public void A_buffer_after_must_fit_before_the_interval_end()
    {
        var request = Request(Athens, WinterMonday, Hours(Monday, "09:00", "17:00")) with { BufferAfter = Duration.FromMinutes(10) };

        var slots = AvailabilityCalculator.Calculate(request);

        Assert.Equal("09:00", LocalStarts(slots, Athens)[0]);
        Assert.Equal("15:45", LocalStarts(slots, Athens)[^1]);
    }

    [Fact]
    public void The_returned_slot_is_the_service_time_without_buffers()
    {
        var request = Request(Athens, WinterMonday, Hours(Monday, "09:00", "17:00")) with
        {
            BufferBefore = Duration.FromMinutes(10),
            BufferAfter = Duration.FromMinutes(20),
        };

        var slots = AvailabilityCalculator.Calculate(request);

        Assert.NotEmpty(slots);
        Assert.All(slots, s => Assert.Equal(Duration.FromMinutes(60), s.End - s.Start));
        Assert.Equal(LocalInstant(Athens, WinterMonday, "09:15"), slots[0].Start);
        Assert.Equal(LocalInstant(Athens, WinterMonday, "10:15"), slots[0].End);
    }

    [Fact]
    public void A_widened_booking_blocks_neighbours_whose_buffers_would_reach_it()
    {
        // Booking 12:00-13:00 with 10-minute buffers arrives as 11:50-13:10; the new service also has 10-minute buffers.
        var request = WithUnavailable(
            Request(Athens, WinterMonday, Hours(Monday, "09:00", "17:00")) with
            {
                BufferBefore = Duration.FromMinutes(10),
                BufferAfter = Duration.FromMinutes(10),
            },
            LocalRange(Athens, WinterMonday, "11:50", "13:10"));

        var starts = LocalStarts(AvailabilityCalculator.Calculate(request), Athens);

        Assert.Equal([.. Grid("09:15", "10:30"), .. Grid("13:30", "15:45")], starts);
    }

    [Fact]
    public void Touching_ranges_do_not_overlap()
    {
        var request = WithUnavailable(
            Request(Athens, WinterMonday, Hours(Monday, "09:00", "17:00")) with { BufferAfter = Duration.FromMinutes(15) },
            LocalRange(Athens, WinterMonday, "10:15", "11:00"));

        var starts = LocalStarts(AvailabilityCalculator.Calculate(request), Athens);

        // 09:00 occupies 09:00-10:15 and 11:00 starts exactly where the block ends: both touch it without overlapping.
        Assert.Equal("09:00", starts[0]);
        Assert.Contains("11:00", starts);
        Assert.DoesNotContain("09:15", starts);
        Assert.DoesNotContain("10:45", starts);
    }

    [Fact]
    public void A_blocked_range_removes_only_the_starts_that_overlap_it()
    {
        var request = WithUnavailable(
            Request(Athens, WinterMonday, Hours(Monday, "09:00", "17:00")) with { ServiceDuration = Duration.FromMinutes(30) },
            LocalRange(Athens, WinterMonday, "12:00", "12:30"));

        var starts = LocalStarts(AvailabilityCalculator.Calculate(request), Athens);

        Assert.Equal(Grid("09:00", "16:30").Except(["11:45", "12:00", "12:15"]), starts);
    }

    [Fact]
    public void Unsorted_overlapping_unavailable_ranges_block_their_union()
    {
        // Union 09:30-12:00 and 13:00-14:00, including ranges nested inside others.
        var request = WithUnavailable(
            Request(Athens, WinterMonday, Hours(Monday, "09:00", "17:00")),
            LocalRange(Athens, WinterMonday, "13:00", "14:00"),
            LocalRange(Athens, WinterMonday, "10:30", "10:45"),
            LocalRange(Athens, WinterMonday, "09:30", "10:15"),
            LocalRange(Athens, WinterMonday, "10:00", "12:00"),
            LocalRange(Athens, WinterMonday, "10:00", "11:00"));

        var starts = LocalStarts(AvailabilityCalculator.Calculate(request), Athens);

        Assert.Equal(["12:00", .. Grid("14:00", "16:00")], starts);
    }

    [Fact]
    public void No_slot_spans_the_gap_between_two_intervals_of_a_day()
    {
        var request = Request(Athens, WinterMonday, Hours(Monday, "14:00", "18:00"), Hours(Monday, "09:00", "13:00"));

        var starts = LocalStarts(AvailabilityCalculator.Calculate(request), Athens);

        Assert.Equal([.. Grid("09:00", "12:00"), .. Grid("14:00", "17:00")], starts);
    }

    [Fact]
    public void Overlapping_working_intervals_do_not_duplicate_slots()
    {
        var request = Request(Athens, WinterMonday, Hours(Monday, "09:00", "12:00"), Hours(Monday, "10:00", "13:00"));

        var starts = LocalStarts(AvailabilityCalculator.Calculate(request), Athens);

        Assert.Equal(Grid("09:00", "12:00"), starts);
    }

    [Fact]
    public void A_step_of_30_offers_only_half_hours()
    {
        var request = Request(Athens, WinterMonday, Hours(Monday, "09:00", "17:00")) with { StepMinutes = 30 };

        var starts = LocalStarts(AvailabilityCalculator.Calculate(request), Athens);

        Assert.Equal(Grid("09:00", "16:00", 30), starts);
        Assert.Equal(15, starts.Length);
    }

    [Fact]
    public void Starts_follow_the_local_grid_even_when_the_interval_starts_off_grid()
    {
        var request = Request(Athens, WinterMonday, Hours(Monday, "09:10", "17:00"));

        var slots = AvailabilityCalculator.Calculate(request);

        Assert.Equal("09:15", LocalStarts(slots, Athens)[0]);
        Assert.All(slots, s => Assert.True(AvailabilityCalculator.IsOnStep(s.Start.InZone(Athens).TimeOfDay, 15)));
    }

    [Fact]
    public void The_notice_hides_starts_before_the_earliest_start_but_keeps_an_exact_match()
    {
        var day = Request(Athens, WinterMonday, Hours(Monday, "09:00", "17:00"));

        var exact = AvailabilityCalculator.Calculate(day with { EarliestStart = LocalInstant(Athens, WinterMonday, "11:00") });
        var between = AvailabilityCalculator.Calculate(day with { EarliestStart = LocalInstant(Athens, WinterMonday, "11:05") });

        Assert.Equal(Grid("11:00", "16:00"), LocalStarts(exact, Athens));
        Assert.Equal(Grid("11:15", "16:00"), LocalStarts(between, Athens));
    }

    [Fact]
    public void The_horizon_hides_starts_after_the_latest_start_but_keeps_an_exact_match()
    {
        var day = Request(Athens, WinterMonday, Hours(Monday, "09:00", "17:00"));

        var exact = AvailabilityCalculator.Calculate(day with { LatestStart = LocalInstant(Athens, WinterMonday, "12:00") });
        var between = AvailabilityCalculator.Calculate(day with { LatestStart = LocalInstant(Athens, WinterMonday, "11:55") });

        Assert.Equal(Grid("09:00", "12:00"), LocalStarts(exact, Athens));
        Assert.Equal(Grid("09:00", "11:45"), LocalStarts(between, Athens));
    }

    [Fact]
    public void Several_days_follow_each_weekdays_own_hours()
    {
        var request = Request(Athens, WinterMonday,
            Hours(Monday, "09:00", "11:00"), Hours(Wednesday, "10:00", "12:00"), Hours(Friday, "16:00", "17:00")) with { Days = 7 };

        var slots = AvailabilityCalculator.Calculate(request);

        var perDate = slots.GroupBy(s => s.Start.InZone(Athens).Date).ToDictionary(g => g.Key, g => LocalStarts(g, Athens));
        Assert.Equal([WinterMonday, new(2026, 1, 7), new(2026, 1, 9)], perDate.Keys);
        Assert.Equal(Grid("09:00", "10:00"), perDate[WinterMonday]);
        Assert.Equal(Grid("10:00", "11:00"), perDate[new(2026, 1, 7)]);
        Assert.Equal(["16:00"], perDate[new(2026, 1, 9)]);
    }

    [Fact]
    public void Days_beyond_the_requested_range_are_not_computed()
    {
        // Tuesday start, seven days: the following Monday is included, the Monday before and the Tuesday after are not.
        var request = Request(Athens, new LocalDate(2026, 1, 6), Hours(Monday, "09:00", "10:00"), Hours(Tuesday, "09:00", "10:00")) with { Days = 7 };

        var slots = AvailabilityCalculator.Calculate(request);

        Assert.Equal([new(2026, 1, 6), new LocalDate(2026, 1, 12)], slots.Select(s => s.Start.InZone(Athens).Date).Distinct());
    }

    [Fact]
    public void A_day_without_working_hours_has_no_slots()
    {
        var request = Request(Athens, WinterMonday, Hours(Tuesday, "09:00", "17:00"));

        Assert.Empty(AvailabilityCalculator.Calculate(request));
    }

    [Fact]
    public void A_service_longer_than_every_interval_has_no_slots()
    {
        var request = Request(Athens, WinterMonday, Hours(Monday, "09:00", "10:00"), Hours(Monday, "11:00", "12:00")) with
        {
            ServiceDuration = Duration.FromMinutes(90),
        };

        Assert.Empty(AvailabilityCalculator.Calculate(request));
    }

    [Fact]
    public void An_interval_whose_start_is_not_before_its_end_is_ignored()
    {
        var request = Request(Athens, WinterMonday, Hours(Monday, "17:00", "09:00"), Hours(Monday, "12:00", "12:00"), Hours(Monday, "14:00", "15:00"));

        Assert.Equal(["14:00"], LocalStarts(AvailabilityCalculator.Calculate(request), Athens));
    }

    [Fact]
    public void Slots_are_ordered_by_start_then_provider()
    {
        var request = Request(Athens, WinterMonday) with
        {
            ServiceDuration = Duration.FromMinutes(30),
            Providers =
            [
                new ProviderCalendar(ProviderB, [Hours(Monday, "09:00", "10:00")], []),
                new ProviderCalendar(ProviderA, [Hours(Monday, "09:30", "10:30")], []),
            ],
        };

        var slots = AvailabilityCalculator.Calculate(request);

        var actual = slots.Select(s => (TimePattern.Format(s.Start.InZone(Athens).TimeOfDay), s.ProviderId));
        (string, Guid)[] expected =
        [
            ("09:00", ProviderB), ("09:15", ProviderB), ("09:30", ProviderA), ("09:30", ProviderB),
            ("09:45", ProviderA), ("10:00", ProviderA),
        ];
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Athens_spring_forward_skips_the_missing_hour_and_counts_elapsed_time()
    {
        // 2026-03-29: 03:00 (+2) jumps to 04:00 (+3) at 01:00Z. Open 02:00-05:00 local = 00:00Z-02:00Z, two real hours.
        var slots = AvailabilityCalculator.Calculate(Request(Athens, new LocalDate(2026, 3, 29), Hours(Sunday, "02:00", "05:00")));

        Assert.Equal(
            ["2026-03-29T00:00Z", "2026-03-29T00:15Z", "2026-03-29T00:30Z", "2026-03-29T00:45Z", "2026-03-29T01:00Z"],
            UtcStarts(slots));
        Assert.Equal(["02:00", "02:15", "02:30", "02:45", "04:00"], LocalStarts(slots, Athens));
        // 02:45 local plus 60 elapsed minutes ends at 04:45 local, inside the 05:00 close.
        Assert.Equal(Utc("2026-03-29T01:45Z"), slots[3].End);
    }

    [Fact]
    public void Athens_spring_forward_over_a_whole_night_offers_both_sides_of_the_gap()
    {
        // Open 00:00 (+2) = 22:00Z to 06:00 (+3) = 03:00Z: 00:00-02:45 local, then 04:00-05:00 local.
        var slots = AvailabilityCalculator.Calculate(Request(Athens, new LocalDate(2026, 3, 29), Hours(Sunday, "00:00", "06:00")));

        Assert.Equal([.. Grid("00:00", "02:45"), .. Grid("04:00", "05:00")], LocalStarts(slots, Athens));
        Assert.Equal(Utc("2026-03-28T22:00Z"), slots[0].Start);
        Assert.Equal(Utc("2026-03-29T02:00Z"), slots[^1].Start);
    }

    [Fact]
    public void A_nonexistent_working_start_is_shifted_forward_by_the_gap()
    {
        // 03:30 does not exist on 2026-03-29; shifted by the one-hour gap it opens at 04:30 (+3) = 01:30Z.
        var slots = AvailabilityCalculator.Calculate(Request(Athens, new LocalDate(2026, 3, 29), Hours(Sunday, "03:30", "06:00")));

        Assert.Equal(["2026-03-29T01:30Z", "2026-03-29T01:45Z", "2026-03-29T02:00Z"], UtcStarts(slots));
    }

    [Fact]
    public void The_first_monday_after_spring_forward_starts_an_hour_earlier_in_utc()
    {
        var request = Request(Athens, new LocalDate(2026, 3, 23), Hours(Monday, "09:00", "17:00")) with { Days = 8 };

        var slots = AvailabilityCalculator.Calculate(request);

        var firstPerDay = slots.GroupBy(s => s.Start.InZone(Athens).Date).Select(g => g.First().Start).ToArray();
        Assert.Equal([Utc("2026-03-23T07:00Z"), Utc("2026-03-30T06:00Z")], firstPerDay);
        Assert.Equal(58, slots.Count);
    }

    [Fact]
    public void Athens_fall_back_offers_the_repeated_hour_once_at_its_earlier_occurrence()
    {
        // 2026-10-25: 04:00 (+3) falls back to 03:00 (+2) at 01:00Z. Open 02:00 (+3) = 23:00Z to 06:00 (+2) = 04:00Z.
        var slots = AvailabilityCalculator.Calculate(Request(Athens, new LocalDate(2026, 10, 25), Hours(Sunday, "02:00", "06:00")));

        Assert.Equal(
            [
                "2026-10-24T23:00Z", "2026-10-24T23:15Z", "2026-10-24T23:30Z", "2026-10-24T23:45Z",
                "2026-10-25T00:00Z", "2026-10-25T00:15Z", "2026-10-25T00:30Z", "2026-10-25T00:45Z",
                "2026-10-25T02:00Z", "2026-10-25T02:15Z", "2026-10-25T02:30Z", "2026-10-25T02:45Z", "2026-10-25T03:00Z",
            ],
            UtcStarts(slots));
        Assert.Equal(slots.Count, slots.Select(s => s.Start).Distinct().Count());
    }

    [Fact]
    public void An_ambiguous_working_end_resolves_to_its_later_occurrence()
    {
        // Close 03:30 on 2026-10-25 is the later 03:30 (+2) = 01:30Z, so 03:15 (+3) = 00:15Z still fits a 60-minute service.
        var slots = AvailabilityCalculator.Calculate(Request(Athens, new LocalDate(2026, 10, 25), Hours(Sunday, "00:00", "03:30")));

        Assert.Equal(Utc("2026-10-24T21:00Z"), slots[0].Start);
        Assert.Equal(Utc("2026-10-25T00:15Z"), slots[^1].Start);
        Assert.Equal(Utc("2026-10-25T01:15Z"), slots[^1].End);
    }

    [Fact]
    public void A_working_day_on_athens_fall_back_sunday_uses_the_winter_offset()
    {
        var slots = AvailabilityCalculator.Calculate(Request(Athens, new LocalDate(2026, 10, 25), Hours(Sunday, "09:00", "17:00")));

        Assert.Equal(29, slots.Count);
        Assert.Equal(Utc("2026-10-25T07:00Z"), slots[0].Start);
    }

    [Fact]
    public void New_york_spring_forward_skips_the_missing_hour()
    {
        // 2026-03-08: 02:00 (-5) jumps to 03:00 (-4) at 07:00Z. Open 01:00 (-5) = 06:00Z to 05:00 (-4) = 09:00Z.
        var slots = AvailabilityCalculator.Calculate(Request(NewYork, new LocalDate(2026, 3, 8), Hours(Sunday, "01:00", "05:00")));

        Assert.Equal([.. Grid("01:00", "01:45"), .. Grid("03:00", "04:00")], LocalStarts(slots, NewYork));
        Assert.Equal(Utc("2026-03-08T06:00Z"), slots[0].Start);
        Assert.Equal(Utc("2026-03-08T07:00Z"), slots[4].Start);
        Assert.Equal(Utc("2026-03-08T08:00Z"), slots[^1].Start);
    }

    [Fact]
    public void The_first_new_york_monday_after_spring_forward_starts_an_hour_earlier_in_utc()
    {
        var request = Request(NewYork, new LocalDate(2026, 3, 2), Hours(Monday, "09:00", "17:00")) with { Days = 8 };

        var firstPerDay = AvailabilityCalculator.Calculate(request)
            .GroupBy(s => s.Start.InZone(NewYork).Date).Select(g => g.First().Start).ToArray();

        Assert.Equal([Utc("2026-03-02T14:00Z"), Utc("2026-03-09T13:00Z")], firstPerDay);
    }

    [Fact]
    public void New_york_fall_back_offers_the_repeated_hour_once_at_its_earlier_occurrence()
    {
        // 2026-11-01: 02:00 (-4) falls back to 01:00 (-5) at 06:00Z. Open 00:00 (-4) = 04:00Z to 04:00 (-5) = 09:00Z.
        var slots = AvailabilityCalculator.Calculate(Request(NewYork, new LocalDate(2026, 11, 1), Hours(Sunday, "00:00", "04:00")));

        Assert.Equal(
            [
                "2026-11-01T04:00Z", "2026-11-01T04:15Z", "2026-11-01T04:30Z", "2026-11-01T04:45Z",
                "2026-11-01T05:00Z", "2026-11-01T05:15Z", "2026-11-01T05:30Z", "2026-11-01T05:45Z",
                "2026-11-01T07:00Z", "2026-11-01T07:15Z", "2026-11-01T07:30Z", "2026-11-01T07:45Z", "2026-11-01T08:00Z",
            ],
            UtcStarts(slots));
        Assert.Equal(slots.Count, slots.Select(s => s.Start).Distinct().Count());
    }

    [Fact]
    public void A_working_day_on_new_york_fall_back_sunday_uses_the_winter_offset()
    {
        var slots = AvailabilityCalculator.Calculate(Request(NewYork, new LocalDate(2026, 11, 1), Hours(Sunday, "09:00", "17:00")));

        Assert.Equal(29, slots.Count);
        Assert.Equal(Utc("2026-11-01T14:00Z"), slots[0].Start);
    }

    [Theory]
    [InlineData("days 0")]
    [InlineData("days 32")]
    [InlineData("step 0")]
    [InlineData("zero duration")]
    [InlineData("negative duration")]
    [InlineData("negative buffer before")]
    [InlineData("negative buffer after")]
    public void Invalid_arguments_are_rejected(string change)
    {
        var valid = Request(Athens, WinterMonday, Hours(Monday, "09:00", "17:00"));
        var invalid = change switch
        {
            "days 0" => valid with { Days = 0 },
            "days 32" => valid with { Days = 32 },
            "step 0" => valid with { StepMinutes = 0 },
            "zero duration" => valid with { ServiceDuration = Duration.Zero },
            "negative duration" => valid with { ServiceDuration = Duration.FromMinutes(-30) },
            "negative buffer before" => valid with { BufferBefore = Duration.FromMinutes(-1) },
            "negative buffer after" => valid with { BufferAfter = Duration.FromMinutes(-1) },
            _ => throw new ArgumentException(change, nameof(change)),
        };

        Assert.Throws<ArgumentOutOfRangeException>(() => AvailabilityCalculator.Calculate(invalid));
    }

    [Fact]
    public void The_widest_valid_arguments_are_accepted()
    {
        var request = Request(Athens, WinterMonday, Hours(Monday, "09:00", "17:00")) with { Days = 31, StepMinutes = 1 };

        Assert.Equal(5 * (7 * 60 + 1), AvailabilityCalculator.Calculate(request).Count);
    }

    [Theory]
    [InlineData("09:00", 15, true)]
    [InlineData("09:15", 15, true)]
    [InlineData("09:10", 15, false)]
    [InlineData("09:30", 30, true)]
    [InlineData("09:45", 30, false)]
    [InlineData("00:00", 7, true)]
    [InlineData("00:14", 7, true)]
    [InlineData("00:15", 7, false)]
    public void IsOnStep_checks_minutes_since_midnight(string time, int step, bool expected)
    {
        Assert.Equal(expected, AvailabilityCalculator.IsOnStep(Time(time), step));
    }

    [Fact]
    public void IsOnStep_rejects_times_with_seconds_or_less()
    {
        Assert.False(AvailabilityCalculator.IsOnStep(new LocalTime(9, 0, 30), 15));
        Assert.False(AvailabilityCalculator.IsOnStep(LocalTime.FromHourMinuteSecondNanosecond(9, 0, 0, 1), 15));
    }

    [Fact]
    public void IsOnStep_rejects_a_step_below_one_minute()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AvailabilityCalculator.IsOnStep(new LocalTime(9, 0), 0));
    }

    [Fact]
    public void A_month_is_handed_out_one_local_day_at_a_time_in_one_reused_list()
    {
        var everyDay = Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).Select(d => Hours(d, "09:00", "17:00")).ToArray();
        var request = Request(Athens, new LocalDate(2026, 10, 10), everyDay) with   // 25 October: the clocks go back
        {
            Days = 31,
            Providers = [new ProviderCalendar(ProviderA, everyDay, []), new ProviderCalendar(ProviderB, everyDay, [])],
        };

        var dates = new List<LocalDate>();
        IReadOnlyList<Slot>? first = null;
        foreach (var day in AvailabilityCalculator.CalculateByDay(request))
        {
            first ??= day;
            Assert.Same(first, day);
            var date = Assert.Single(day.Select(s => s.Start.InZone(Athens).Date).Distinct());
            Assert.Equal(2 * 29, day.Count);   // 09:00-16:00 every quarter hour, two providers
            dates.Add(date);
        }

        Assert.Equal(Enumerable.Range(0, 31).Select(new LocalDate(2026, 10, 10).PlusDays), dates);
    }

    [Fact]
    public void A_day_list_kept_after_the_reader_is_done_reads_empty_and_the_next_request_gets_its_own_slots()
    {
        var everyDay = Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).Select(d => Hours(d, "09:00", "17:00")).ToArray();
        var request = Request(Athens, WinterMonday, everyDay) with { Days = 2, Providers = [new ProviderCalendar(ProviderA, everyDay, [])] };

        IReadOnlyList<Slot>? kept = null;
        foreach (var day in AvailabilityCalculator.CalculateByDay(request))
            kept = day;
        Assert.NotNull(kept);
        Assert.Empty(kept);   // its arrays went back to the pool with the reader's enumerator
        Assert.Throws<ArgumentOutOfRangeException>(() => kept[0]);

        var other = request with { Days = 1, Providers = [new ProviderCalendar(ProviderB, everyDay, [])] };
        var slots = AvailabilityCalculator.Calculate(other);
        Assert.Equal(29, slots.Count);
        Assert.All(slots, s => Assert.Equal(ProviderB, s.ProviderId));
        Assert.Empty(kept);
    }

    [Fact]
    public void A_request_read_a_day_at_a_time_is_checked_before_any_day_is_read()
    {
        var request = Request(Athens, WinterMonday, Hours(Monday, "09:00", "17:00")) with { Days = 32 };

        Assert.Throws<ArgumentOutOfRangeException>(() => AvailabilityCalculator.CalculateByDay(request));
    }

    /// <summary>The starts a working interval offers when every grid time is mapped through the zone on its own (earlier occurrence of a repeated time, none in a gap).</summary>
    private static IEnumerable<Instant> MappedOneByOne(DateTimeZone zone, LocalDate date, WeeklyInterval hours, Duration length, int step)
    {
        var open = zone.ResolveLocal(date + hours.Start, Resolvers.LenientResolver).ToInstant();
        var close = zone.ResolveLocal(date + hours.End, Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnForwardShifted)).ToInstant();
        for (var minute = 0; minute < 24 * 60; minute += step)
        {
            var local = LocalTime.FromMinutesSinceMidnight(minute);
            if (local < hours.Start)
                continue;
            if (local >= hours.End)
                yield break;
            var mapping = zone.MapLocal(date + local);
            if (mapping.Count == 0)
                continue;
            var start = mapping.First().ToInstant();
            if (start + length > close)
                yield break;
            if (start >= open)
                yield return start;
        }
    }

    [Theory]
    [InlineData("Europe/Athens", 2026)]
    [InlineData("America/Havana", 2026)]        // clocks change at midnight
    [InlineData("Australia/Lord_Howe", 2026)]   // half-hour daylight saving
    [InlineData("America/Santiago", 2026)]
    [InlineData("Pacific/Chatham", 2026)]       // +12:45 / +13:45
    [InlineData("Pacific/Apia", 2011)]          // 30 December 2011 did not happen
    public void Every_day_of_a_year_offers_the_starts_that_mapping_each_grid_time_through_the_zone_gives(string zoneId, int year)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var allDay = Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).Select(d => Hours(d, "00:00", "23:59")).ToArray();
        var office = Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).Select(d => Hours(d, "00:30", "03:30")).ToArray();
        foreach (var hours in new[] { allDay, office })
        {
            for (var first = new LocalDate(year, 1, 1); first.Year == year; first = first.PlusDays(31))
            {
                var request = Request(zone, first, hours) with { Days = 31, StepMinutes = 15 };
                var expected = Enumerable.Range(0, 31).Select(first.PlusDays)
                    .SelectMany(date => MappedOneByOne(zone, date, hours.First(h => h.Day == date.DayOfWeek), request.ServiceDuration, 15))
                    .ToList();

                var actual = AvailabilityCalculator.Calculate(request).Select(s => s.Start).ToList();

                Assert.True(expected.SequenceEqual(actual), $"{zoneId}, 31 days from {first}: {actual.Count} starts against {expected.Count} mapped one by one");
            }
        }
    }
}

