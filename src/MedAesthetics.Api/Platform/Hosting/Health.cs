using System.Diagnostics;
using Hangfire;
using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Platform.Hosting;

/// <summary>
/// What /health/ready answers, computed in the background every Health:RefreshMilliseconds (2000) so the probe itself
/// costs no query: the database answers and has every migration of this build (else 503 "unavailable"); the outbox's
/// oldest due event is at most Health:OutboxLagSeconds (60) late and a Hangfire server sent a heartbeat within
/// Health:JobsHeartbeatSeconds (120), and the latest attempt to register the recurring jobs did not fail (else 200
/// "degraded": the node can serve, the background work lags).
/// A result older than 5 refresh intervals (the refresher is stuck) counts as unavailable.
/// </summary>
public sealed class Readiness(IServiceScopeFactory scopes, JobStorage jobs, RecurringJobsRegistration recurringJobs, IClock clock, IConfiguration configuration, ILogger<Readiness> log)
{
    public TimeSpan Interval { get; } = TimeSpan.FromMilliseconds(configuration.GetValue("Health:RefreshMilliseconds", 2000));
    private readonly Duration _outboxLag = Duration.FromSeconds(configuration.GetValue("Health:OutboxLagSeconds", 60));
    private readonly Duration _heartbeat = Duration.FromSeconds(configuration.GetValue("Health:JobsHeartbeatSeconds", 120));
    private readonly Lock _gate = new();
    private Task<Report>? _checking;
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

    /// <summary>
    /// A fresh report. A check already under way is shared rather than followed by a second one: at start-up the first
    /// probe and the refresher ask together, and both take the one answer. The check itself runs to its end whoever stops
    /// waiting (its queries have their own timeouts), so a cancelled probe never leaves the others a cancelled report.
    /// </summary>
    public Task<Report> RefreshAsync(CancellationToken cancellationToken)
    {
        Task<Report> checking;
        lock (_gate)
        {
            if (_checking is null || _checking.IsCompleted)
                _checking = CheckAndKeepAsync();
            checking = _checking;
        }
        return checking.WaitAsync(cancellationToken);
    }

    private async Task<Report> CheckAndKeepAsync()
    {
        await Task.Yield();   // the caller holds the gate: the check runs after it is released
        var report = await CheckAsync(CancellationToken.None);
        _report = report;
        return report;
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
        // Recurring jobs are registered in the background at start; a failed attempt (tried again) is lagging background work.
        checks["recurringJobs"] = recurringJobs.LastError is { } registrationError ? new Check("degraded", registrationError) : new Check("healthy");
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
