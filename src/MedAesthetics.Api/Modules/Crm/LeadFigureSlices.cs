using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>
/// How a report period [From, To) is read from the lead figures: whole UTC days from <c>lead_daily_figures</c>, the
/// whole UTC hours around them from <c>lead_hourly_figures</c> (and not yet compacted changes), and the minutes at
/// either end that no whole hour covers (zones such as Asia/Kolkata, UTC+05:30) straight from <c>leads</c>.
/// The slices never overlap and together cover the period exactly: LiveFrom..HoursFrom..DaysFrom..DaysTo..HoursTo..LiveTo.
/// </summary>
public sealed record LeadFigureSlices(Instant LiveFrom, Instant HoursFrom, Instant DaysFrom, Instant DaysTo, Instant HoursTo, Instant LiveTo)
{
    /// <summary>The UTC dates of the whole days, [DaysFromDate, DaysToDate); an empty range when there is no whole day.</summary>
    public LocalDate DaysFromDate => DaysFrom.InUtc().Date;
    public LocalDate DaysToDate => DaysTo.InUtc().Date;

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
        return new LeadFigureSlices(from, hoursFrom, daysFrom, daysTo, hoursTo, to);
    }

    private static Instant Floor(Instant instant, Duration unit) =>
        Instant.FromUnixTimeTicks(instant.ToUnixTimeTicks() - Mod(instant.ToUnixTimeTicks(), unit.BclCompatibleTicks));

    private static Instant Ceiling(Instant instant, Duration unit)
    {
        var floor = Floor(instant, unit);
        return floor == instant ? floor : floor + unit;
    }

    private static long Mod(long value, long unit) => ((value % unit) + unit) % unit;
}
