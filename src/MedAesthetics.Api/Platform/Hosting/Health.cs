using System.Diagnostics;
using Hangfire;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Platform.Hosting;

/// <summary>
/// What /health/ready answers, computed in the background every Health:RefreshMilliseconds (2000) so the probe itself
/// costs no query: the database answers and has every migration of this build (else 503 "unavailable"); the outbox's
/// oldest due event is at most Health:OutboxLagSeconds (60) late and a Hangfire server sent a heartbeat within
/// Health:JobsHeartbeatSeconds (120) (else 200 "degraded": the node can serve, the background work lags).
/// A result older than 5 refresh intervals (the refresher is stuck) counts as unavailable.
/// </summary>
public sealed class Readiness(IServiceScopeFactory scopes, JobStorage jobs, IClock clock, IConfiguration configuration, ILogger<Readiness> log)
{
    public TimeSpan Interval { get; } = TimeSpan.FromMilliseconds(configuration.GetValue("Health:RefreshMilliseconds", 2000));
    private readonly Duration _outboxLag = Duration.FromSeconds(configuration.GetValue("Health:OutboxLagSeconds", 60));
    private readonly Duration _heartbeat = Duration.FromSeconds(configuration.GetValue("Health:JobsHeartbeatSeconds", 120));
    private readonly SemaphoreSlim _checking = new(1, 1);
    private string? _latestMigration;
    private volatile Report? _report;

    public sealed record Check(string Status, string? Error = null);

    public sealed record Report(string Status, Instant CheckedAt, IReadOnlyDictionary<string, Check> Checks, long TakenAt)
    {
        public bool Serving => Status != "unavailable";
    }

    /// <summary>The latest report; computed now only when there is none yet or it is stale.</summary>
    public async ValueTask<Report> CurrentAsync(CancellationToken cancellationToken)
    {
        var report = _report;
        if (report is not null && Stopwatch.GetElapsedTime(report.TakenAt) < Interval * 5)
            return report;
        return await RefreshAsync(cancellationToken);
    }

    public async Task<Report> RefreshAsync(CancellationToken cancellationToken)
    {
        await _checking.WaitAsync(cancellationToken);
        try
        {
            var report = await CheckAsync(cancellationToken);
            _report = report;
            return report;
        }
        finally
        {
            _checking.Release();
        }
    }

    private async Task<Report> CheckAsync(CancellationToken cancellationToken)
    {
        var checks = new Dictionary<string, Check>();
        var now = clock.GetCurrentInstant();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            _latestMigration ??= db.Database.GetMigrations().LastOrDefault() ?? "";
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT EXISTS (SELECT 1 FROM __ef_migrations_history WHERE migration_id = @latest),
                       (SELECT min(next_attempt_at) FROM outbox_messages WHERE processed_at IS NULL)
                """;
            var latest = command.CreateParameter();
            latest.ParameterName = "latest";
            latest.Value = _latestMigration;
            command.Parameters.Add(latest);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            checks["database"] = new Check("healthy");
            checks["migrations"] = reader.GetBoolean(0) ? new Check("healthy") : new Check("unhealthy", $"Migration {_latestMigration} is not applied.");
            var oldestDue = reader.IsDBNull(1) ? (Instant?)null : reader.GetFieldValue<Instant>(1);
            checks["outbox"] = oldestDue is { } due && now - due > _outboxLag
                ? new Check("degraded", $"The oldest due event waits since {due} (more than {_outboxLag.TotalSeconds:0} s).")
                : new Check("healthy");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            checks["database"] = new Check("unhealthy", "The database does not answer.");
            log.LogWarning(e, "Readiness: the database does not answer");
        }
        try
        {
            var servers = jobs.GetMonitoringApi().Servers();
            var latestBeat = servers.Select(s => s.Heartbeat).Where(h => h is not null).Max();
            checks["jobs"] = new Check("healthy");
            checks["jobsHeartbeat"] = latestBeat is { } beat && now - Instant.FromDateTimeUtc(DateTime.SpecifyKind(beat, DateTimeKind.Utc)) <= _heartbeat
                ? new Check("healthy")
                : new Check("degraded", $"No job server sent a heartbeat in the last {_heartbeat.TotalSeconds:0} s.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            checks["jobs"] = new Check("unhealthy", "The job storage does not answer.");
            log.LogWarning(e, "Readiness: the job storage does not answer");
        }
        var status = checks.Values.Any(c => c.Status == "unhealthy") ? "unavailable"
            : checks.Values.Any(c => c.Status == "degraded") ? "degraded"
            : "ok";
        return new Report(status, now, checks, Stopwatch.GetTimestamp());
    }
}

/// <summary>Keeps <see cref="Readiness"/> fresh.</summary>
public sealed class ReadinessRefresher(Readiness readiness) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(readiness.Interval);
        do
        {
            try
            {
                await readiness.RefreshAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class Health
{
    public static IServiceCollection AddApiHealth(this IServiceCollection services)
    {
        services.AddHealthChecks();
        services.AddSingleton<Readiness>();
        services.AddHostedService<ReadinessRefresher>();
        return services;
    }
}
