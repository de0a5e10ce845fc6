using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MedAesthetics.Api.Platform.Observability;

/// <summary>
/// OpenTelemetry, only when something reads it: OTEL_EXPORTER_OTLP_ENDPOINT set (traces and metrics over OTLP; the
/// exporter also honours OTEL_EXPORTER_OTLP_PROTOCOL, _HEADERS, OTEL_SERVICE_NAME, ...) and/or PROMETHEUS_ENABLED=true
/// (metrics at /metrics). Neither set: nothing is registered, nothing listens, nothing is exported.
/// </summary>
public static class ObservabilitySetup
{
    public const string ServiceName = "medaesthetics-api";
    public const string PrometheusPath = "/metrics";

    public static bool ExportsOtlp(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static bool PrometheusEnabled(IConfiguration configuration) => configuration.GetValue("PROMETHEUS_ENABLED", false);

    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration, string version)
    {
        var otlp = ExportsOtlp(configuration);
        var prometheus = PrometheusEnabled(configuration);
        if (!otlp && !prometheus)
            return services;

        services.AddSingleton<OutboxLagGauge>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? ServiceName, serviceVersion: version))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter("Npgsql")
                    .AddMeter(Telemetry.Name);
                if (otlp)
                    metrics.AddOtlpExporter();
                if (prometheus)
                    // No cached scrape (the exporter keeps one for 300 ms by default): two scrapes around a change must both be fresh.
                    metrics.AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0);
            });
        if (otlp)
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = http => !IsProbe(http.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(Telemetry.Name)
                .AddOtlpExporter());
        return services;
    }

    /// <summary>Starts the outbox-lag gauge and serves /metrics when Prometheus is enabled (before authentication: scrape it from the private network only).</summary>
    public static WebApplication UseObservability(this WebApplication app)
    {
        app.Services.GetService<OutboxLagGauge>();
        if (PrometheusEnabled(app.Configuration))
            app.UseOpenTelemetryPrometheusScrapingEndpoint(PrometheusPath);
        return app;
    }

    /// <summary>Health probes and scrapes every few seconds would drown the traces.</summary>
    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments(PrometheusPath);
}
