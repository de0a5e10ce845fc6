using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAesthetics.Api.Platform.Hosting;

/// <summary>/health/live answers while the process runs; /health/ready from the cached <see cref="Readiness"/> report.</summary>
public static class HealthEndpoints
{
    public static WebApplication MapApiHealth(this WebApplication app, string version)
    {
        var info = new ServiceInfo("MedAesthetics API", version, "ok");
        app.MapGet("/", () => TypedResults.Ok(info))
            .WithTags("Health").AllowAnonymous().WithName("getServiceInfo");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteLiveAsync }).AllowAnonymous().WithName("getLiveness");
        app.MapGet("/health/ready", async Task<Results<Ok<ReadinessResponse>, JsonHttpResult<ReadinessResponse>>> (Readiness readiness, CancellationToken ct) =>
            {
                var report = await readiness.CurrentAsync(ct);
                var body = new ReadinessResponse(report.Status, report.CheckedAt,
                    report.Checks.ToDictionary(c => c.Key, c => new ReadinessCheck(c.Value.Status, c.Value.Error)));
                return report.Serving ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .AllowAnonymous().WithName("getReadiness")
            .ExcludeFromDescription();   // described with /health/live by OpenApiDocumentParts
        return app;
    }

    public sealed record ServiceInfo(string Name, string Version, string Status);

    public sealed record ReadinessCheck(string Status, string? Error);

    public sealed record ReadinessResponse(string Status, NodaTime.Instant CheckedAt, IReadOnlyDictionary<string, ReadinessCheck> Checks);

    private static Task WriteLiveAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report) =>
        context.Response.WriteAsJsonAsync(new { status = "ok", checks = new Dictionary<string, object>() });
}
