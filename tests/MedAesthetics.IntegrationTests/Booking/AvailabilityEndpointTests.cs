using System.Data.Common;
using System.Net;
using System.Text.Json;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MedAesthetics.IntegrationTests.Booking;

/// <summary>Counts the SQL commands the API sends, to show that a query's cost does not grow with days or providers.</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private int _count;
    public int Count => _count;
    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        // The settings and schedule caches check their versions at most once a second, whichever request comes then:
        // not availability's own work.
        if (!command.CommandText.Contains("platform_settings", StringComparison.Ordinal) && !command.CommandText.Contains("calendar_versions", StringComparison.Ordinal))
            Interlocked.Increment(ref _count);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}

public sealed class CountingBookingApi : ApiFactory
{
    public CommandCounter Commands { get; } = new();

    public CountingBookingApi()
    {
        With("JWT_EXPIRATION", "90d");
        WithServices(services => services.ConfigureDbContext<Api.Platform.Persistence.AppDbContext>(options => options.AddInterceptors(Commands)));
    }
}

public sealed class AvailabilityEndpointTests(CountingBookingApi api) : IClassFixture<CountingBookingApi>, IAsyncLifetime
{
    private BookingWorld _world = null!;

    public async Task InitializeAsync() => _world = await BookingWorld.CreateAsync(api);
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonElement> Availability(string query, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await api.CreateClient().GetAsync($"/availability?clinicId={_world.ClinicId}&serviceId={_world.LongServiceId}&{query}")).ExpectAsync(expected);

    private static List<(string Start, string End, Guid Provider)> Slots(JsonElement body) =>
        body.GetProperty("slots").EnumerateArray()
            .Select(s => (s.GetProperty("start").GetString()!, s.GetProperty("end").GetString()!, s.GetProperty("providerId").GetGuid())).ToList();

    [Fact]
    public async Task A_day_lists_each_providers_slots_in_the_clinics_timezone_ordered_by_start_then_provider()
    {
        var body = await Availability("date=2026-03-03");

        Assert.Equal("Europe/Athens", body.GetProperty("timezone").GetString());
        Assert.Equal(_world.ClinicId, body.GetProperty("clinicId").GetGuid());
        var slots = Slots(body);
        // 09:00-17:00 local (UTC+2), 60 minutes plus 15 after: starts 09:00 to 15:45, every 15 minutes, two doctors.
        Assert.Equal(2 * 28, slots.Count);
        Assert.Equal(("2026-03-03T07:00:00Z", "2026-03-03T08:00:00Z"), (slots[0].Start, slots[0].End));
        Assert.Equal("2026-03-03T13:45:00Z", slots[^1].Start);
        Assert.Equal(slots.OrderBy(s => s.Start, StringComparer.Ordinal).ThenBy(s => s.Provider).ToList(), slots);
    }

    [Fact]
    public async Task A_booking_and_its_buffer_take_the_providers_time_away()
    {
        var (_, client) = await _world.NewClientAsync();
        await _world.BookAsync(client, BookingWorld.At(2026, 3, 4, 10));

        var mine = Slots(await Availability($"date=2026-03-04&providerId={_world.DoctorId}")).Select(s => s.Start).ToList();

        // The booking occupies 10:00-11:15 local; a 60+15 slot may end at 10:00 at the latest, or start at 11:15.
        Assert.DoesNotContain("2026-03-04T07:00:00Z", mine);
        Assert.DoesNotContain("2026-03-04T08:45:00Z", mine);
        Assert.Contains("2026-03-04T09:15:00Z", mine);
        var other = Slots(await Availability($"date=2026-03-04&providerId={_world.SecondDoctorId}"));
        Assert.Contains(other, s => s.Start == "2026-03-04T08:00:00Z");
    }

    [Fact]
    public async Task Slots_respect_the_two_hour_notice_today()
    {
        var slots = Slots(await Availability($"date=2026-03-02&providerId={_world.DoctorId}"));

        // Now is 10:00 local: the first start is 12:00 local, 10:00Z.
        Assert.Equal("2026-03-02T10:00:00Z", slots[0].Start);
    }

    [Fact]
    public async Task Several_days_at_once_skip_days_without_hours()
    {
        var slots = Slots(await Availability($"date=2026-03-03&days=7&providerId={_world.DoctorId}"));

        var days = slots.Select(s => s.Start[..10]).Distinct().ToList();
        Assert.Equal(["2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-09"], days);
        Assert.All(days, d => Assert.Equal(28, slots.Count(s => s.Start.StartsWith(d, StringComparison.Ordinal))));
    }

    [Fact]
    public async Task After_the_spring_change_the_first_slot_of_a_nine_oclock_day_moves_an_hour_earlier_in_utc()
    {
        var before = Slots(await Availability($"date=2026-03-23&providerId={_world.DoctorId}"));
        var after = Slots(await Availability($"date=2026-03-30&providerId={_world.DoctorId}"));

        Assert.Equal("2026-03-23T07:00:00Z", before[0].Start);
        Assert.Equal("2026-03-30T06:00:00Z", after[0].Start);
        Assert.Equal(before.Count, after.Count);
    }

    [Fact]
    public async Task Once_the_schedule_is_cached_a_request_costs_one_query_whatever_the_days_or_providers()
    {
        await Availability($"date=2026-03-03&providerId={_world.DoctorId}");
        api.Commands.Reset();
        await Availability($"date=2026-03-03&providerId={_world.DoctorId}");
        var oneDayOneProvider = api.Commands.Count;

        api.Commands.Reset();
        await Availability("date=2026-03-03&days=31");
        var monthAllProviders = api.Commands.Count;

        Assert.Equal(1, oneDayOneProvider);   // the busy ranges; the clinic's schedule comes from the node's cache
        Assert.Equal(1, monthAllProviders);
    }

    [Theory]
    [InlineData("date=2026-02-30")]
    [InlineData("date=03/03/2026")]
    [InlineData("date=2026-03-03&days=0")]
    [InlineData("date=2026-03-03&days=32")]
    [InlineData("")]
    public async Task Bad_dates_and_day_counts_answer_400(string query)
    {
        await Availability(query, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Unknown_clinic_service_or_provider_answers_404_and_missing_ids_400()
    {
        await (await api.CreateClient().GetAsync($"/availability?clinicId={Guid.NewGuid()}&serviceId={_world.LongServiceId}&date=2026-03-03")).ExpectAsync(HttpStatusCode.NotFound);
        await (await api.CreateClient().GetAsync($"/availability?clinicId={_world.ClinicId}&serviceId={Guid.NewGuid()}&date=2026-03-03")).ExpectAsync(HttpStatusCode.NotFound);
        await Availability($"date=2026-03-03&providerId={Guid.NewGuid()}", HttpStatusCode.NotFound);
        await (await api.CreateClient().GetAsync("/availability?date=2026-03-03")).ExpectAsync(HttpStatusCode.BadRequest);
        await (await api.CreateClient().GetAsync($"/availability?clinicId=abc&serviceId={_world.LongServiceId}&date=2026-03-03")).ExpectAsync(HttpStatusCode.BadRequest);
    }
}
