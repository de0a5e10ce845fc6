using System.Runtime.CompilerServices;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Booking;

/// <summary>
/// Gathers what the calculator needs whatever the number of days or providers: the clinic's schedule (clinic, service,
/// providers, working hours, blocked time) from the Clinics module's per-node cache, and one query for the live holds
/// and appointments of the range.
/// </summary>
public sealed class AvailabilityLoader(AppDbContext db, IClinicDirectory clinics, IPlatformSettings platformSettings, IClock clock)
{
    private readonly record struct BusyRange(Guid ProviderId, Instant OccupiedFrom, Instant OccupiedTo);

    /// <summary>
    /// Each provider's working hours as the calculator reads them, made once per cached schedule: the cache hands out one
    /// schedule object until the clinic's calendar changes, and a new schedule gets its own entry here (the old one goes
    /// with it). Per request this mapping was about a tenth of what one day of availability allocated.
    /// </summary>
    private static readonly ConditionalWeakTable<ClinicSchedule, Dictionary<Guid, WeeklyInterval[]>> WeeklyHours = new();

    /// <summary>The one query of a request whose schedule is cached: the providers' live bookings and holds in the window. Compiled once.</summary>
    private static readonly Func<AppDbContext, Guid[], Instant, Instant, Instant, IAsyncEnumerable<BusyRange>> BusyRanges =
        EF.CompileAsyncQuery((AppDbContext db, Guid[] providers, Instant from, Instant to, Instant now) => db.Set<Appointment>().AsNoTracking()
            .Where(a => providers.Contains(a.ProviderId) && a.OccupiedFrom < to && a.OccupiedTo > from
                        && (a.Status == AppointmentStatus.Confirmed || (a.Status == AppointmentStatus.Held && a.HoldExpiresAt > now)))
            .Select(a => new BusyRange(a.ProviderId, a.OccupiedFrom, a.OccupiedTo)));

    public async Task<Outcome<AvailabilityAnswer>> LoadAsync(AvailabilityQuery query, CancellationToken ct)
    {
        var settings = await platformSettings.GetAsync(ct);
        var schedule = await clinics.ScheduleAsync(query.ClinicId!.Value, ct);
        if (schedule is null)
            return Error.NotFound("There is no such clinic.");
        var clinic = schedule.Clinic;
        var service = schedule.Services.GetValueOrDefault(query.ServiceId!.Value);
        if (service is null)
            return Error.NotFound("The clinic has no such service.");
        var providers = schedule.ProvidersFor(service.Id);
        if (query.ProviderId is { } only)
        {
            if (!providers.Contains(only))
                return Error.NotFound("The provider does not perform this service at this clinic.");
            providers = [only];
        }

        var zone = DateTimeZoneProviders.Tzdb[clinic.Timezone];
        var days = query.Days ?? 1;
        // A day of local time lies within a day either side in UTC; the calculator trims precisely.
        var from = query.LocalDate.AtStartOfDayInZone(zone).ToInstant() - Duration.FromDays(1);
        var to = query.LocalDate.PlusDays(days).AtStartOfDayInZone(zone).ToInstant() + Duration.FromDays(1);
        var now = clock.GetCurrentInstant();

        var request = new AvailabilityRequest(zone, query.LocalDate, days,
            Duration.FromMinutes(service.DurationMinutes), Duration.FromMinutes(service.BufferBeforeMinutes), Duration.FromMinutes(service.BufferAfterMinutes),
            settings.SlotStepMinutes, now + Duration.FromMinutes(settings.MinBookingNoticeMinutes), now + Duration.FromDays(settings.BookingHorizonDays),
            await CalendarsAsync(schedule, providers, from, to, now, ct));
        return new AvailabilityAnswer(clinic.Id, service.Id, clinic.Timezone, AvailabilityCalculator.CalculateByDay(request));
    }

    /// <summary>
    /// The providers' calendars over [from, to): each one's weekly hours (<see cref="WeeklyHours"/>), then the blocked
    /// time overlapping the window (its own and the clinic's) and its live bookings and holds, read in one query.
    /// </summary>
    private async Task<List<ProviderCalendar>> CalendarsAsync(
        ClinicSchedule schedule, IReadOnlyList<Guid> providers, Instant from, Instant to, Instant now, CancellationToken ct)
    {
        var hours = WeeklyHours.GetValue(schedule, static s => s.WorkingHours.GroupBy(h => h.ProviderId)
            .ToDictionary(g => g.Key, g => g.Select(Weekly).ToArray()));
        var taken = new Dictionary<Guid, List<Interval>>(providers.Count);
        foreach (var provider in providers)
            taken.TryAdd(provider, []);
        foreach (var blocked in schedule.Blocked.Where(b => b.Overlaps(from, to)))
            foreach (var (provider, list) in taken)
                if (blocked.Takes(provider))
                    list.Add(blocked.ToInterval());
        await foreach (var busy in BusyRanges(db, [.. taken.Keys], from, to, now).WithCancellation(ct))
            taken[busy.ProviderId].Add(new Interval(busy.OccupiedFrom, busy.OccupiedTo));

        var calendars = new List<ProviderCalendar>(providers.Count);
        foreach (var provider in providers)
            calendars.Add(new ProviderCalendar(provider, hours.GetValueOrDefault(provider, []), taken[provider]));
        return calendars;
    }

    /// <summary>One provider's week and everything that takes its time: its blocked slots, the clinic's, and its bookings.</summary>
    public static ProviderCalendar CalendarOf(Guid providerId, ClinicCalendar calendar, IEnumerable<Interval> busy) =>
        new(providerId,
            calendar.WorkingHours.Where(h => h.ProviderId == providerId).Select(Weekly).ToList(),
            calendar.Blocked.Where(b => b.Takes(providerId)).Select(b => b.ToInterval()).Concat(busy).ToList());

    private static WeeklyInterval Weekly(WorkingHoursEntry hours) => new(hours.Day, hours.Start, hours.End);
}
