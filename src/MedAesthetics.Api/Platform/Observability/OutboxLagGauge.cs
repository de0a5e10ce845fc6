using System.Diagnostics.Metrics;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Platform.Observability;

/// <summary>
/// medaesthetics.outbox.lag: seconds since the oldest event that is due and not yet handled occurred (0 when none).
/// Measured only when a reader collects (an OTLP export or a Prometheus scrape), never on a request's path.
/// </summary>
public sealed class OutboxLagGauge : IDisposable
{
    private readonly Meter _meter;

    public OutboxLagGauge(IMeterFactory meters, IServiceScopeFactory scopes, IClock clock, ILogger<OutboxLagGauge> logger)
    {
        _meter = meters.Create(Telemetry.Name);
        _meter.CreateObservableGauge("medaesthetics.outbox.lag", () => Measure(scopes, clock, logger), "s",
            "Age of the oldest due outbox event not yet handled");
    }

    private static IEnumerable<Measurement<double>> Measure(IServiceScopeFactory scopes, IClock clock, ILogger logger)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = clock.GetCurrentInstant();
            var oldest = db.OutboxMessages.AsNoTracking()
                .Where(m => m.ProcessedAt == null && m.NextAttemptAt <= now)
                .Min(m => (Instant?)m.OccurredAt);
            return [new Measurement<double>(oldest is { } o ? Math.Max(0, (now - o).TotalSeconds) : 0)];
        }
        catch (ObjectDisposedException)
        {
            return [];   // the host is shutting down: the last collection has nothing to read
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "Could not measure the outbox lag");
            return [];
        }
    }

    public void Dispose() => _meter.Dispose();
}
