using System.Buffers;
using System.Collections;
using NodaTime;
using NodaTime.TimeZones;

namespace MedAesthetics.Api.Modules.Booking;

/// <summary>A provider's working interval on one ISO weekday, in the clinic's local time.</summary>
public sealed record WeeklyInterval(IsoDayOfWeek Day, LocalTime Start, LocalTime End);

/// <summary>Working hours plus the ranges already taken (blocked slots, bookings and holds, widened by their buffers); unsorted and overlapping is fine.</summary>
public sealed record ProviderCalendar(Guid ProviderId, IReadOnlyList<WeeklyInterval> WorkingHours, IReadOnlyList<Interval> Unavailable);

public sealed record AvailabilityRequest(
    DateTimeZone Zone, LocalDate FirstDate, int Days,
    Duration ServiceDuration, Duration BufferBefore, Duration BufferAfter,
    int StepMinutes, Instant EarliestStart, Instant LatestStart,
    IReadOnlyList<ProviderCalendar> Providers);

/// <summary>The service time offered to the client, without buffers. A value: a 31-day answer holds thousands.</summary>
public readonly record struct Slot(Instant Start, Instant End, Guid ProviderId);

/// <summary>Pure slot computation: working hours minus unavailable ranges, cut on the clinic's local step grid.</summary>
public static class AvailabilityCalculator
{
    private const int MaxDays = 31;
    private const long MinutesPerDay = 24 * 60;

    // Working bounds resolve leniently so the interval covers the real elapsed opening time: a gap shifts forward, an overlap widens (earlier start, later end).
    private static readonly ZoneLocalMappingResolver OpeningResolver = Resolvers.LenientResolver;
    private static readonly ZoneLocalMappingResolver ClosingResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnForwardShifted);

    public static IReadOnlyList<Slot> Calculate(AvailabilityRequest request)
    {
        var slots = new List<Slot>();
        foreach (var day in CalculateByDay(request))
            slots.AddRange(day);
        return slots;
    }

    /// <summary>
    /// The same slots, one local day at a time, in order. Every start of a local day comes after every start of the day
    /// before (of two occurrences of a local time only the earlier is offered), so the days' sorted runs make one sorted
    /// list. Each day is handed out in one list that is reused for the next day: read it before asking for the next (once
    /// the reader is done the list reads empty: its arrays are pooled, see DaySlots). So a
    /// month's answer for ten providers (some 13,000 slots, 620 KB) never holds more than a day's slots (about 20 KB), and
    /// allocates no large object. The request is checked at once; the slots are computed as the days are read.
    /// </summary>
    public static IEnumerable<IReadOnlyList<Slot>> CalculateByDay(AvailabilityRequest request)
    {
        Validate(request);
        return Days(request);
    }

    private static IEnumerable<IReadOnlyList<Slot>> Days(AvailabilityRequest request)
    {
        var blocked = new List<Span>[request.Providers.Count];
        for (var p = 0; p < blocked.Length; p++)
            blocked[p] = MergeUnavailable(request.Providers[p].Unavailable);
        var ranks = ProviderRanks(request.Providers, out var distinct);
        // The day's slots and their sort keys live in arrays rented from the shared pools and given back when the reader
        // is done (or gives up): one day of ten providers is about 20 KB, a quarter of what a request allocated.
        using var slots = new DaySlots();
        for (var day = 0; day < request.Days; day++)
        {
            var date = request.FirstDate.PlusDays(day);
            // Every start of the local day lies within 18 hours (the widest offset) of its midnight.
            var origin = date.AtMidnight().InUtc().ToInstant() - Duration.FromDays(1);
            slots.Clear(MostSlots(request, date.DayOfWeek));   // sized once a day, not copied as it grows
            for (var p = 0; p < blocked.Length; p++)
            {
                var provider = request.Providers[p];
                var first = slots.Count;
                foreach (var hours in provider.WorkingHours)
                {
                    if (OpensOn(hours, date.DayOfWeek))
                        AddIntervalSlots(request, provider.ProviderId, date, hours, blocked[p], slots);
                }
                var keys = slots.Keys;
                for (var i = first; i < slots.Count; i++)
                    keys[i] = (slots[i].Start - origin).BclCompatibleTicks * distinct + ranks[p];
            }
            if (slots.Count == 0)
                continue;
            // By start, then provider id: one number per slot (ticks since the origin, then the provider's rank) sorted
            // with the slots, so the sort compares numbers instead of calling a comparer on 48-byte structs. Starts are
            // whole seconds (a grid minute plus a whole-second offset), so a tick is exact; 3 days of ticks times a
            // million providers still fits in a long. Equal numbers are the same slot, removed as duplicates.
            slots.SortByKeys();
            slots.RemoveAdjacentDuplicates();
            yield return slots;
        }
    }

    /// <summary>Each provider's rank in provider-id order (a provider listed twice has one rank), and how many ranks there are.</summary>
    private static long[] ProviderRanks(IReadOnlyList<ProviderCalendar> providers, out long distinct)
    {
        var ids = providers.Select(p => p.ProviderId).Distinct().Order().ToArray();
        distinct = ids.Length;
        var ranks = new long[providers.Count];
        for (var p = 0; p < ranks.Length; p++)
            ranks[p] = Array.BinarySearch(ids, providers[p].ProviderId);
        return ranks;
    }

    /// <summary>Working hours that hold time on the weekday (an empty or inverted interval holds none).</summary>
    private static bool OpensOn(WeeklyInterval hours, IsoDayOfWeek weekday) => hours.Day == weekday && hours.Start < hours.End;

    /// <summary>How many grid starts the working hours of a weekday hold at most.</summary>
    private static int MostSlots(AvailabilityRequest request, IsoDayOfWeek weekday)
    {
        var most = 0L;
        foreach (var provider in request.Providers)
            foreach (var hours in provider.WorkingHours)
                if (OpensOn(hours, weekday))
                    most += (hours.End.NanosecondOfDay - hours.Start.NanosecondOfDay) / NodaConstants.NanosecondsPerMinute / request.StepMinutes + 1;
        return (int)Math.Min(most, 1 << 20);
    }

    /// <summary>True when the local time-of-day is on the step grid (minutes since midnight % step == 0, seconds and below zero).</summary>
    public static bool IsOnStep(LocalTime time, int stepMinutes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepMinutes, 1);
        return time.NanosecondOfDay % NodaConstants.NanosecondsPerMinute == 0
            && (time.Hour * 60 + time.Minute) % stepMinutes == 0;
    }

    private static void Validate(AvailabilityRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Days, MaxDays);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.StepMinutes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(request.ServiceDuration, Duration.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.BufferBefore, Duration.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.BufferAfter, Duration.Zero);
    }

    private static void AddIntervalSlots(
        AvailabilityRequest request, Guid providerId, LocalDate date, WeeklyInterval hours, List<Span> blocked, DaySlots slots)
    {
        var zone = request.Zone;
        var open = zone.ResolveLocal(date + hours.Start, OpeningResolver).ToInstant();
        var close = zone.ResolveLocal(date + hours.End, ClosingResolver).ToInstant();
        // On a day without a clock change inside the working interval every local start maps to exactly one instant at
        // one offset, so it is computed from the local midnight instead of mapped step by step; otherwise (a gap or an
        // overlap inside the interval, or an opening that is itself ambiguous) each start is mapped through the zone.
        var atOpen = zone.GetZoneInterval(open);
        Instant? midnightAtOffset = !atOpen.HasEnd || close <= atOpen.End
            ? date.AtMidnight().InUtc().ToInstant() - Duration.FromSeconds(atOpen.WallOffset.Seconds)
            : null;

        long step = request.StepMinutes;
        var firstMinute = (hours.Start.NanosecondOfDay + NodaConstants.NanosecondsPerMinute - 1) / NodaConstants.NanosecondsPerMinute;
        for (var minute = (firstMinute + step - 1) / step * step; minute < MinutesPerDay; minute += step)
        {
            var localStart = LocalTime.FromMinutesSinceMidnight((int)minute);
            if (localStart >= hours.End)
                break;

            Instant start;
            if (midnightAtOffset is { } midnight)
                start = midnight + Duration.FromMinutes(minute);
            else
            {
                var mapping = zone.MapLocal(date + localStart);
                if (mapping.Count == 0)
                    continue; // spring-forward gap: this wall-clock start does not exist today
                start = mapping.First().ToInstant(); // fall-back overlap: only the earlier occurrence is offered
            }

            var occupiedStart = start - request.BufferBefore;
            var occupiedEnd = start + request.ServiceDuration + request.BufferAfter;
            if (occupiedEnd > close || start > request.LatestStart)
                break; // starts only grow along the local day, so nothing later fits either
            if (start < request.EarliestStart || occupiedStart < open || Overlaps(blocked, occupiedStart, occupiedEnd))
                continue;

            slots.Add(new Slot(start, start + request.ServiceDuration, providerId));
        }
    }

    /// <summary>Sorted, disjoint ranges, so both starts and ends ascend and a binary search finds the only candidate to check.</summary>
    private static List<Span> MergeUnavailable(IReadOnlyList<Interval> unavailable)
    {
        var spans = new List<Span>(unavailable.Count);
        foreach (var interval in unavailable)
        {
            var span = new Span(
                interval.HasStart ? interval.Start : Instant.MinValue,
                interval.HasEnd ? interval.End : Instant.MaxValue);
            if (span.Start < span.End)
                spans.Add(span);
        }
        spans.Sort(static (a, b) => a.Start.CompareTo(b.Start));

        // Merged in place: the merged ranges never outnumber the ranges read so far.
        var merged = 0;
        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            // Merging touching ranges too is safe: the union, and so every overlap test, is unchanged.
            if (merged > 0 && span.Start <= spans[merged - 1].End)
                spans[merged - 1] = spans[merged - 1] with { End = Instant.Max(spans[merged - 1].End, span.End) };
            else
                spans[merged++] = span;
        }
        spans.RemoveRange(merged, spans.Count - merged);
        return spans;
    }

    /// <summary>Half-open overlap: a range that merely touches [start, end) does not overlap it.</summary>
    private static bool Overlaps(List<Span> blocked, Instant start, Instant end)
    {
        int low = 0, high = blocked.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (blocked[mid].End > start)
                high = mid;
            else
                low = mid + 1;
        }
        return low < blocked.Count && blocked[low].Start < end;
    }

    private readonly record struct Span(Instant Start, Instant End);

    /// <summary>
    /// One local day's slots, with a sort key for each, in arrays rented from <see cref="ArrayPool{T}.Shared"/> and reused
    /// for the next day; disposing gives them back and leaves the list empty, so a reader holding on to it reads nothing
    /// rather than another request's slots.
    /// </summary>
    private sealed class DaySlots : IReadOnlyList<Slot>, IDisposable
    {
        private Slot[] _slots = [];
        private long[] _keys = [];

        public int Count { get; private set; }

        public Slot this[int index] => (uint)index < (uint)Count ? _slots[index] : throw new ArgumentOutOfRangeException(nameof(index));

        /// <summary>The sort keys, one per slot (at least <see cref="Count"/> long).</summary>
        public long[] Keys => _keys;

        /// <summary>Empties the list, with room for at least <paramref name="capacity"/> slots.</summary>
        public void Clear(int capacity)
        {
            Count = 0;
            if (_slots.Length < capacity)
                Grow(capacity);
        }

        public void Add(Slot slot)
        {
            if (Count == _slots.Length)
                Grow(Math.Max(16, Count * 2));
            _slots[Count++] = slot;
        }

        public void SortByKeys() => _keys.AsSpan(0, Count).Sort(_slots.AsSpan(0, Count));

        /// <summary>Overlapping working intervals (or a provider listed twice) can yield the same slot more than once.</summary>
        public void RemoveAdjacentDuplicates()
        {
            var kept = 0;
            for (var i = 0; i < Count; i++)
            {
                if (kept == 0 || _slots[i] != _slots[kept - 1])
                    _slots[kept++] = _slots[i];
            }
            Count = kept;
        }

        public IEnumerator<Slot> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
                yield return _slots[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public void Dispose()
        {
            Return();
            Count = 0;
        }

        private void Grow(int capacity)
        {
            var slots = ArrayPool<Slot>.Shared.Rent(capacity);
            var keys = ArrayPool<long>.Shared.Rent(slots.Length);
            _slots.AsSpan(0, Count).CopyTo(slots);
            _keys.AsSpan(0, Count).CopyTo(keys);
            Return();
            (_slots, _keys) = (slots, keys);
        }

        private void Return()
        {
            if (_slots.Length > 0)
                ArrayPool<Slot>.Shared.Return(_slots);
            if (_keys.Length > 0)
                ArrayPool<long>.Shared.Return(_keys);
            (_slots, _keys) = ([], []);
        }
    }
}
