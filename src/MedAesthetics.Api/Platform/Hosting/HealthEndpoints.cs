using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedAesthetics.Api.Platform.Hosting;

/// <summary>/health/live answers while the process runs; /health/ready only when the database and the job storage answer.</summary>
public static class HealthEndpoints
{
    public static WebApplication MapApiHealth(this WebApplication app, string version)
    {
        app.MapGet("/", () => TypedResults.Ok(new ServiceInfo("MedAesthetics API", version, "ok")))
            .WithTags("Health").AllowAnonymous().WithName("getServiceInfo");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous().WithName("getLiveness");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteAsync }).AllowAnonymous().WithName("getReadiness");
        return app;
    }

    public sealed record ServiceInfo(string Name, string Version, string Status);

    private static Task WriteAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status == HealthStatus.Healthy ? "ok" : "unavailable",
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), error = e.Value.Exception?.Message }),
        });
}
