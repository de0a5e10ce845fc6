using System.Diagnostics;
using System.Net;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MedAesthetics.IntegrationTests.Platform;

/// <summary>OpenTelemetry is there only when something reads it, and then an HTTP request becomes a server span exported over OTLP.</summary>
public sealed class ObservabilityTests
{
    [Fact]
    public async Task Without_an_otlp_endpoint_or_prometheus_nothing_listens_and_nothing_is_exported()
    {
        var api = new ApiFactory();
        await ((IAsyncLifetime)api).InitializeAsync();
        try
        {
            await (await api.CreateClient().GetAsync("/health/live")).ExpectAsync(HttpStatusCode.OK);
            Assert.Null(api.Services.GetService<TracerProvider>());
            Assert.Null(api.Services.GetService<MeterProvider>());
            Assert.Equal(HttpStatusCode.NotFound, (await api.CreateClient().GetAsync("/metrics")).StatusCode);
        }
        finally
        {
            await ((IAsyncLifetime)api).DisposeAsync();
        }
    }

    [Fact]
    public async Task With_an_otlp_endpoint_a_request_becomes_a_server_span_and_is_exported()
    {
        using var collector = WireMockServer.Start();
        collector.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        var spans = new LockedSpans();
        var api = new ApiFactory()
            .With("OTEL_EXPORTER_OTLP_ENDPOINT", collector.Url)
            .With("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            .With("OTEL_BSP_SCHEDULE_DELAY", "100")
            .WithServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        await ((IAsyncLifetime)api).InitializeAsync();
        try
        {
            var clinicId = Guid.NewGuid();
            await (await api.CreateClient().GetAsync($"/clinics/{clinicId}")).ExpectAsync(HttpStatusCode.NotFound);

            await ApiProcess.EventuallyAsync(() => Task.FromResult(Snapshot(spans).Any(s => s.Kind == ActivityKind.Server && Path(s) == $"/clinics/{clinicId}")),
                TimeSpan.FromSeconds(20), "a server span for the request");
            var span = Snapshot(spans).First(s => s.Kind == ActivityKind.Server && Path(s) == $"/clinics/{clinicId}");
            Assert.Equal("GET", span.GetTagItem("http.request.method"));
            Assert.Equal(404, span.GetTagItem("http.response.status_code"));
            Assert.Contains(Snapshot(spans), s => s.TraceId == span.TraceId && s.Source.Name == "Npgsql");

            await ApiProcess.EventuallyAsync(() => Task.FromResult(collector.LogEntries.Any(e => e.RequestMessage.Path == "/v1/traces")),
                TimeSpan.FromSeconds(20), "the OTLP exporter to post spans to the collector");
        }
        finally
        {
            await ((IAsyncLifetime)api).DisposeAsync();
        }
    }

    private static List<Activity> Snapshot(LockedSpans spans) => spans.Snapshot();

    /// <summary>
    /// The in-memory exporter adds spans from the batch processor's thread while the test reads them: a plain List copied
    /// during an Add threw "Destination array was not long enough" now and then, so every access takes one lock.
    /// </summary>
    private sealed class LockedSpans : ICollection<Activity>
    {
        private readonly List<Activity> _spans = [];
        public int Count { get { lock (_spans) return _spans.Count; } }
        public bool IsReadOnly => false;
        public void Add(Activity item) { lock (_spans) _spans.Add(item); }
        public void Clear() { lock (_spans) _spans.Clear(); }
        public bool Contains(Activity item) { lock (_spans) return _spans.Contains(item); }
        public void CopyTo(Activity[] array, int arrayIndex) { lock (_spans) _spans.CopyTo(array, arrayIndex); }
        public bool Remove(Activity item) { lock (_spans) return _spans.Remove(item); }
        public List<Activity> Snapshot() { lock (_spans) return [.. _spans]; }
        public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static string? Path(Activity span) => span.GetTagItem("url.path") as string;
}
