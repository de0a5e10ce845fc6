using Hangfire;

namespace MedAesthetics.Api.Platform.Jobs;

/// <summary>A job Hangfire runs on a schedule. Implementations guard themselves with [DisableConcurrentExecution] or do idempotent work, so two nodes never do it twice.</summary>
public interface IRecurringJob
{
    static abstract string Id { get; }
    static abstract string Schedule { get; }
    Task<int> RunAsync(CancellationToken cancellationToken);
}

public sealed record RecurringJobRegistration(string Id, string Schedule, Action<IRecurringJobManager> Register);

public static class RecurringJobExtensions
{
    /// <summary>Registers the job class for DI and for Hangfire's recurring schedule (added or updated at start-up).</summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services) where TJob : class, IRecurringJob
    {
        services.AddScoped<TJob>(provider =>
        {
            provider.GetService<Persistence.ChangeActor>()?.ActAsSystem(TJob.Id);
            return ActivatorUtilities.CreateInstance<TJob>(provider);
        });
        services.AddSingleton(new RecurringJobRegistration(TJob.Id, TJob.Schedule, manager =>
            manager.AddOrUpdate<TJob>(TJob.Id, job => job.RunAsync(CancellationToken.None), TJob.Schedule)));
        return services;
    }
}

/// <summary>
/// Registers every module's recurring jobs at start-up; AddOrUpdate is idempotent, so every node may do it. It runs in the
/// background, beside the rest of the start (about 0.3 s of synchronous round trips that would otherwise hold the host's
/// start), and tries again with a growing wait when the job storage does not answer, so a database that is late at start
/// does not stop the node. Readiness reports "degraded" while an attempt has failed and none has succeeded.
/// </summary>
public sealed class RecurringJobsRegistration(
    IRecurringJobManager recurringJobs, IEnumerable<RecurringJobRegistration> registrations, ILogger<RecurringJobsRegistration> log) : BackgroundService
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);
    private readonly TaskCompletionSource _registered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once every recurring job is registered.</summary>
    public Task Registered => _registered.Task;

    /// <summary>Why the latest attempt failed, while none has succeeded; null otherwise.</summary>
    public string? LastError { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();   // off the host's start
        var wait = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var registration in registrations)
                    registration.Register(recurringJobs);
                LastError = null;
                _registered.TrySetResult();
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LastError = $"Registering the recurring jobs failed ({e.GetType().Name}); trying again in {wait.TotalSeconds:0} s.";
                log.LogWarning(e, "Registering the recurring jobs failed; trying again in {WaitSeconds} s", wait.TotalSeconds);
            }
            await Task.Delay(wait, stoppingToken);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestWait.Ticks));
        }
    }
}
