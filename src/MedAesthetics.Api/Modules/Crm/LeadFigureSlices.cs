using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>
/// How a report period [From, To) is read from the lead figures: whole UTC weeks (Monday to Sunday) from
/// <c>lead_weekly_figures</c>, the whole UTC days around them from <c>lead_daily_figures</c>, the whole UTC hours around
/// those from <c>lead_hourly_figures</c> (and not yet compacted changes), and the minutes at either end that no whole
/// hour covers (zones such as Asia/Kolkata, UTC+05:30) straight from <c>leads</c>.
/// The slices never overlap and together cover the period exactly:
/// LiveFrom..HoursFrom..DaysFrom..WeeksFrom..WeeksTo..DaysTo..HoursTo..LiveTo.
/// </summary>
public sealed record LeadFigureSlices(Instant LiveFrom, Instant HoursFrom, Instant DaysFrom, Instant WeeksFrom, Instant WeeksTo, Instant DaysTo,
    Instant HoursTo, Instant LiveTo)
{
    /// <summary>The UTC dates of the whole days, [DaysFromDate, DaysToDate); an empty range when there is no whole day.</summary>
    public LocalDate DaysFromDate => DaysFrom.InUtc().Date;
    public LocalDate DaysToDate => DaysTo.InUtc().Date;

    /// <summary>The Mondays of the whole weeks, [WeeksFromDate, WeeksToDate); an empty range when there is no whole week.</summary>
    public LocalDate WeeksFromDate => WeeksFrom.InUtc().Date;
    public LocalDate WeeksToDate => WeeksTo.InUtc().Date;

    private static readonly Duration Week = Duration.FromDays(7);
    /// <summary>A Monday, 00:00 UTC: weeks are counted from it (PostgreSQL's date_trunc('week') starts them on Monday too).</summary>
    private static readonly Instant AMonday = Instant.FromUtc(2024, 1, 1, 0, 0);

    public static LeadFigureSlices For(Instant from, Instant to)
    {
        if (to < from)
            to = from;
        var hoursFrom = Ceiling(from, Duration.FromHours(1));
        var hoursTo = Floor(to, Duration.FromHours(1));
        if (hoursFrom >= hoursTo)
            hoursFrom = hoursTo = to;   // shorter than one whole hour: all of it live
        var daysFrom = Ceiling(hoursFrom, Duration.FromDays(1));
        var daysTo = Floor(hoursTo, Duration.FromDays(1));
        if (daysFrom >= daysTo)
            daysFrom = daysTo = hoursTo;   // no whole day: hours only
        var weeksFrom = AMonday + Ceiling(daysFrom - AMonday, Week);
        var weeksTo = AMonday + Floor(daysTo - AMonday, Week);
        if (weeksFrom >= weeksTo)
            weeksFrom = weeksTo = daysTo;   // no whole week: days only
        return new LeadFigureSlices(from, hoursFrom, daysFrom, weeksFrom, weeksTo, daysTo, hoursTo, to);
    }

    private static Instant Floor(Instant instant, Duration unit) =>
        Instant.FromUnixTimeTicks(instant.ToUnixTimeTicks() - Mod(instant.ToUnixTimeTicks(), unit.BclCompatibleTicks));

    private static Instant Ceiling(Instant instant, Duration unit)
    {
        var floor = Floor(instant, unit);
        return floor == instant ? floor : floor + unit;
    }

    private static Duration Floor(Duration offset, Duration unit) =>
        Duration.FromTicks(offset.BclCompatibleTicks - Mod(offset.BclCompatibleTicks, unit.BclCompatibleTicks));

    private static Duration Ceiling(Duration offset, Duration unit)
    {
        var floor = Floor(offset, unit);
        return floor == offset ? floor : floor + unit;
    }

    private static long Mod(long value, long unit) => ((value % unit) + unit) % unit;
}
