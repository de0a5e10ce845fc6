using MedAesthetics.Api.Contracts;
using NodaTime;

namespace MedAesthetics.UnitTests.Clinics;

/// <summary>The cached schedule answers what the database queries it replaces answered.</summary>
public sealed class ClinicScheduleTests
{
    private static readonly Guid Generalist = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid Specialist = Guid.Parse("00000000-0000-0000-0000-000000000002");
    private static readonly Guid Laser = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid Botox = Guid.Parse("00000000-0000-0000-0000-0000000000a2");
    private static readonly Instant Noon = Instant.FromUtc(2026, 3, 3, 12, 0);

    private static ClinicSchedule Schedule() => new(
        new ClinicInfo(Guid.NewGuid(), "Clinic", "Europe/Athens", "GR", null),
        new Dictionary<Guid, ServiceInfo>(),
        [Generalist, Specialist],
        new[] { (Provider: Specialist, Service: Laser) }.ToLookup(p => p.Provider, p => p.Service),
        [new WorkingHoursEntry(Generalist, IsoDayOfWeek.Tuesday, new LocalTime(9, 0), new LocalTime(17, 0)),
         new WorkingHoursEntry(Specialist, IsoDayOfWeek.Tuesday, new LocalTime(10, 0), new LocalTime(14, 0))],
        [new BlockedTime(null, Noon, Noon + Duration.FromHours(1)),
         new BlockedTime(Specialist, Noon, Noon + Duration.FromHours(1)),
         new BlockedTime(Generalist, Noon + Duration.FromDays(5), Noon + Duration.FromDays(6))]);

    [Fact]
    public void A_doctor_listed_for_nothing_performs_every_service_and_a_listed_one_only_its_own()
    {
        var schedule = Schedule();

        Assert.Equal([Generalist, Specialist], schedule.ProvidersFor(Laser));
        Assert.Equal([Generalist], schedule.ProvidersFor(Botox));
    }

    [Fact]
    public void The_calendar_keeps_the_providers_hours_and_the_blocked_time_overlapping_the_range()
    {
        var calendar = Schedule().CalendarFor([Generalist], Noon - Duration.FromDays(1), Noon + Duration.FromDays(1));

        Assert.Equal([Generalist], calendar.WorkingHours.Select(h => h.ProviderId));
        Assert.Equal([null], calendar.Blocked.Select(b => b.ProviderId));   // the clinic-wide hour; not the specialist's, not next week's
    }
}
