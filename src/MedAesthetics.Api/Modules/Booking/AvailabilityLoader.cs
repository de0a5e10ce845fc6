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
    private sealed record BusyRange(Guid ProviderId, Instant OccupiedFrom, Instant OccupiedTo);

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

        var calendar = schedule.CalendarFor(providers, from, to);
        var busy = await BusyRanges(db, providers.ToArray(), from, to, now).ToListAsync(ct);
        var busyByProvider = busy.ToLookup(b => b.ProviderId, b => new Interval(b.OccupiedFrom, b.OccupiedTo));

        var request = new AvailabilityRequest(zone, query.LocalDate, days,
            Duration.FromMinutes(service.DurationMinutes), Duration.FromMinutes(service.BufferBeforeMinutes), Duration.FromMinutes(service.BufferAfterMinutes),
            settings.SlotStepMinutes, now + Duration.FromMinutes(settings.MinBookingNoticeMinutes), now + Duration.FromDays(settings.BookingHorizonDays),
            providers.Select(p => CalendarOf(p, calendar, busyByProvider[p])).ToList());
        return new AvailabilityAnswer(clinic.Id, service.Id, clinic.Timezone, AvailabilityCalculator.CalculateByDay(request));
    }

    /// <summary>One provider's week and everything that takes its time: its blocked slots, the clinic's, and its bookings.</summary>
    public static ProviderCalendar CalendarOf(Guid providerId, ClinicCalendar calendar, IEnumerable<Interval> busy) =>
        new(providerId,
            calendar.WorkingHours.Where(h => h.ProviderId == providerId).Select(h => new WeeklyInterval(h.Day, h.Start, h.End)).ToList(),
            calendar.Blocked.Where(b => b.ProviderId is null || b.ProviderId == providerId).Select(b => new Interval(b.Start, b.End)).Concat(busy).ToList());
}
