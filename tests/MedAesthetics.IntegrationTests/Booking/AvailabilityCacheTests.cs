using System.Net;
using System.Text.Json;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Infrastructure;

namespace MedAesthetics.IntegrationTests.Booking;

/// <summary>
/// Availability reads each clinic's schedule from a per-node cache. Two nodes over one database: every change made on the
/// first (working hours, a booking, blocked time) shows in the next availability answer of both. The first node keeps
/// the default version-check interval, so it sees its own changes without waiting; the second checks on every request
/// (Calendar:RefreshMilliseconds 0), as the settings test does, so it shows the cross-node path without sleeping.
/// </summary>
public sealed class AvailabilityCacheTests()
    : TwoNodes(new BookingApi(), new ApiFactory().With("JWT_EXPIRATION", "90d").With("Calendar:RefreshMilliseconds", "0"))
{
    private BookingWorld _world = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _world = await BookingWorld.CreateAsync(First);
    }

    private async Task<List<string>> StartsAsync(ApiFactory node)
    {
        var body = await (await node.CreateClient()
                .GetAsync($"/availability?clinicId={_world.ClinicId}&serviceId={_world.ShortServiceId}&date=2026-03-03&providerId={_world.DoctorId}"))
            .ExpectAsync(HttpStatusCode.OK);
        return body.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetString()!).ToList();
    }

    private async Task<(List<string> First, List<string> Second)> BothAsync() => (await StartsAsync(First), await StartsAsync(Second));

    [Fact]
    public async Task Working_hours_a_booking_and_blocked_time_show_in_the_next_answer_on_both_nodes()
    {
        // Tuesday 2026-03-03, Athens is UTC+2: 09:00-17:00 local is 07:00Z-15:00Z, 30-minute slots every 15 minutes.
        var (first, second) = await BothAsync();
        Assert.Equal("2026-03-03T07:00:00Z", first[0]);
        Assert.Equal(first, second);

        var week = Enumerable.Range(1, 6).Select(d => new { dayOfWeek = d, start = "10:00", end = "17:00" }).ToArray();
        await (await First.Authorized(_world.SecretaryToken)
                .PutAsync($"/clinics/{_world.ClinicId}/providers/{_world.DoctorId}/working-hours", BookingWorld.JsonBody(week)))
            .ExpectAsync(HttpStatusCode.OK);
        (first, second) = await BothAsync();
        Assert.Equal("2026-03-03T08:00:00Z", first[0]);
        Assert.Equal(first, second);

        var (_, client) = await First.SignedInAsync(UserRole.Client);
        await (await First.Authorized(client).PostJsonAsync("/appointments/hold", new
        {
            clinicId = _world.ClinicId, serviceId = _world.ShortServiceId, providerId = _world.DoctorId, start = "2026-03-03T09:00:00Z",
        })).ExpectAsync(HttpStatusCode.Created);
        (first, second) = await BothAsync();
        Assert.DoesNotContain("2026-03-03T09:00:00Z", first);
        Assert.Contains("2026-03-03T09:30:00Z", first);
        Assert.Equal(first, second);

        await (await First.Authorized(_world.SecretaryToken).PostJsonAsync($"/clinics/{_world.ClinicId}/blocked-slots", new
        {
            providerId = _world.DoctorId, start = "2026-03-03T12:00:00Z", end = "2026-03-03T13:00:00Z", reason = "training",
        })).ExpectAsync(HttpStatusCode.Created);
        (first, second) = await BothAsync();
        Assert.DoesNotContain("2026-03-03T12:00:00Z", first);
        Assert.DoesNotContain("2026-03-03T12:30:00Z", first);
        Assert.Contains("2026-03-03T13:00:00Z", first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_request_goes_on_with_the_last_version_read_while_another_request_is_reading_it()
    {
        var before = await StartsAsync(Second);   // the second node has read the version and cached the schedule
        await using var tableLock = await TableLock.TakeAsync(First.ConnectionString, "calendar_versions");

        // The next request reads the version (the second node checks it on every request) and waits for the lock.
        var reader = StartsAsync(Second);
        await tableLock.UntilSomeoneWaitsAsync();

        // One that comes meanwhile answers from the last version read rather than queueing behind that read.
        var meanwhile = StartsAsync(Second);
        Assert.Same(meanwhile, await Task.WhenAny(meanwhile, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.Equal(before, await meanwhile);
        Assert.False(reader.IsCompleted);

        await tableLock.ReleaseAsync();
        Assert.Equal(before, await reader);
    }
}

/// <summary>
/// The booking rules read the same cached schedule, but ask the database for the calendar version first: a node that
/// would otherwise trust its memory for a minute (Calendar:RefreshMilliseconds 60000) still refuses a hold on time
/// another node has just blocked or taken out of the working hours.
/// </summary>
public sealed class BookingRulesScheduleTests()
    : TwoNodes(new BookingApi(), new ApiFactory().With("JWT_EXPIRATION", "90d").With("Calendar:RefreshMilliseconds", "60000"))
{
    private BookingWorld _world = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _world = await BookingWorld.CreateAsync(First);
    }

    private async Task<HttpResponseMessage> HoldOnSecondAsync(string client, string start) =>
        await Second.Authorized(client).PostJsonAsync("/appointments/hold", new
        {
            clinicId = _world.ClinicId, serviceId = _world.ShortServiceId, providerId = _world.DoctorId, start,
        });

    [Fact]
    public async Task A_hold_on_another_node_sees_blocked_time_and_working_hours_changed_a_moment_before()
    {
        // The second node caches the schedule (Tuesday 2026-03-03, 09:00-17:00 in Athens, 07:00Z-15:00Z).
        var cached = await (await Second.CreateClient()
                .GetAsync($"/availability?clinicId={_world.ClinicId}&serviceId={_world.ShortServiceId}&date=2026-03-03&providerId={_world.DoctorId}"))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(cached.GetProperty("slots").EnumerateArray(), s => s.GetProperty("start").GetString() == "2026-03-03T12:00:00Z");
        var (_, client) = await First.SignedInAsync(UserRole.Client);

        await (await First.Authorized(_world.SecretaryToken).PostJsonAsync($"/clinics/{_world.ClinicId}/blocked-slots", new
        {
            providerId = _world.DoctorId, start = "2026-03-03T12:00:00Z", end = "2026-03-03T13:00:00Z", reason = "training",
        })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Conflict, (await HoldOnSecondAsync(client, "2026-03-03T12:00:00Z")).StatusCode);

        var week = Enumerable.Range(1, 6).Select(d => new { dayOfWeek = d, start = "10:00", end = "17:00" }).ToArray();
        await (await First.Authorized(_world.SecretaryToken)
                .PutAsync($"/clinics/{_world.ClinicId}/providers/{_world.DoctorId}/working-hours", BookingWorld.JsonBody(week)))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Conflict, (await HoldOnSecondAsync(client, "2026-03-03T07:00:00Z")).StatusCode);

        await (await HoldOnSecondAsync(client, "2026-03-03T08:00:00Z")).ExpectAsync(HttpStatusCode.Created);   // 10:00 local, still open
    }

    [Fact]
    public async Task A_hold_on_another_node_gets_time_opened_a_moment_before()
    {
        // The second node caches working hours from 10:00 (08:00Z); then the first opens the day at 09:00 (07:00Z).
        async Task WorkFromAsync(string start)
        {
            var week = Enumerable.Range(1, 6).Select(d => new { dayOfWeek = d, start, end = "17:00" }).ToArray();
            await (await First.Authorized(_world.SecretaryToken)
                    .PutAsync($"/clinics/{_world.ClinicId}/providers/{_world.DoctorId}/working-hours", BookingWorld.JsonBody(week)))
                .ExpectAsync(HttpStatusCode.OK);
        }
        await WorkFromAsync("10:00");
        var cached = await (await Second.CreateClient()
                .GetAsync($"/availability?clinicId={_world.ClinicId}&serviceId={_world.ShortServiceId}&date=2026-03-03&providerId={_world.DoctorId}"))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("2026-03-03T08:00:00Z", cached.GetProperty("slots")[0].GetProperty("start").GetString());
        await WorkFromAsync("09:00");

        // The cached schedule refuses 09:00; the hold is not refused on its word but checked against the current one.
        var (_, client) = await First.SignedInAsync(UserRole.Client);
        await (await HoldOnSecondAsync(client, "2026-03-03T07:00:00Z")).ExpectAsync(HttpStatusCode.Created);
    }
}
