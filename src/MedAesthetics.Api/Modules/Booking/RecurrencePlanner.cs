using NodaTime;

namespace MedAesthetics.Api.Modules.Booking;

/// <summary>One planned occurrence of a series: its local time and instant, or null when that local time does not exist that day.</summary>
public sealed record PlannedOccurrence(int Number, LocalDateTime LocalStart, Instant? Start);

/// <summary>
/// Plans a recurring series at the same local wall-clock time every occurrence, so the UTC time moves across DST.
/// Monthly keeps the day of month, clamped to the month's last day (31 January -> 28 February).
/// </summary>
public static class RecurrencePlanner
{
    public static IReadOnlyList<PlannedOccurrence> Plan(DateTimeZone zone, LocalDateTime firstLocalStart, RecurrenceFrequency frequency, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var occurrences = new List<PlannedOccurrence>(count);
        for (var n = 0; n < count; n++)
        {
            var date = frequency switch
            {
                RecurrenceFrequency.Weekly => firstLocalStart.Date.PlusWeeks(n),
                RecurrenceFrequency.Biweekly => firstLocalStart.Date.PlusWeeks(2 * n),
                RecurrenceFrequency.Monthly => firstLocalStart.Date.PlusMonths(n),
                _ => throw new ArgumentOutOfRangeException(nameof(frequency)),
            };
            var local = date + firstLocalStart.TimeOfDay;
            var mapping = zone.MapLocal(local);
            // A skipped local time (spring forward) has no instant; an ambiguous one (fall back) takes the earlier.
            Instant? start = mapping.Count == 0 ? null : mapping.First().ToInstant();
            occurrences.Add(new PlannedOccurrence(n + 1, local, start));
        }
        return occurrences;
    }
}
