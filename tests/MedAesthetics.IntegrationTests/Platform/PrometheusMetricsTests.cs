using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using MedAesthetics.IntegrationTests.Booking;
using MedAesthetics.IntegrationTests.Infrastructure;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Platform;

/// <summary>The business metrics, read as Prometheus reads them from a real process with PROMETHEUS_ENABLED=true.</summary>
[Collection(RealProcesses.Name)]
public sealed class PrometheusMetricsTests : IAsyncLifetime
{
    private LiveWorld _live = null!;

    public async Task InitializeAsync() => _live = await LiveWorld.CreateAsync();

    public async Task DisposeAsync() => await _live.DisposeAsync();

    [Fact]
    public async Task A_booking_and_a_refused_hold_count_in_the_metrics_scraped_at_slash_metrics()
    {
        var world = _live.World;
        await using var api = await ApiProcess.StartAsync("prometheus", _live.Database, _live.Settings(("PROMETHEUS_ENABLED", "true")));
        var (clientId, clientToken, _) = await LiveWorld.RegisterClientAsync(api);
        var before = await ScrapeAsync(api);
        Assert.Equal(0, Value(before, "medaesthetics_bookings_total") ?? 0);

        var start = NextWorkingMorning();
        await (await api.Client(world.SecretaryToken).PostJsonAsync("/appointments", new
        {
            clinicId = world.ClinicId, serviceId = world.LongServiceId, providerId = world.DoctorId, start = BookingWorld.Iso(start), clientId,
        })).ExpectAsync(HttpStatusCode.Created);
        await (await api.Client(clientToken).PostJsonAsync("/appointments/hold", new
        {
            clinicId = world.ClinicId, serviceId = world.LongServiceId, providerId = world.DoctorId, start = BookingWorld.Iso(start),
        })).ExpectAsync(HttpStatusCode.Conflict);

        var after = await ScrapeAsync(api);
        Assert.Equal(1, Value(after, "medaesthetics_bookings_total"));
        Assert.Equal(1, Value(after, "medaesthetics_holds_rejected_total", "reason=\"taken\""));
        Assert.NotNull(Value(after, "medaesthetics_outbox_lag_seconds"));
        Assert.NotNull(Value(after, "http_server_request_duration_seconds_count"));
    }

    /// <summary>10:00 in Athens on the next day the clinic works (Monday to Saturday): a slot a client may hold.</summary>
    private static Instant NextWorkingMorning()
    {
        var date = WallClock.Now.InZone(BookingWorld.Athens).Date.PlusDays(1);
        if (date.DayOfWeek == IsoDayOfWeek.Sunday)
            date = date.PlusDays(1);
        return BookingWorld.At(date.Year, date.Month, date.Day, 10);
    }

    private static async Task<string> ScrapeAsync(ApiProcess api)
    {
        var response = await api.Client().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of the samples of a metric (whose labels contain the given one), or null when it is absent.</summary>
    private static double? Value(string exposition, string metric, string? label = null)
    {
        var samples = exposition.Split('\n')
            .Select(line => Regex.Match(line, $@"^{Regex.Escape(metric)}(\{{(?<labels>[^}}]*)\}})? (?<value>\S+)"))
            .Where(m => m.Success && (label is null || m.Groups["labels"].Value.Contains(label)))
            .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture))
            .ToList();
        return samples.Count == 0 ? null : samples.Sum();
    }
}
