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

/// <summary>Registers every module's recurring jobs at start-up; AddOrUpdate is idempotent, so every node may do it.</summary>
public sealed class RecurringJobsRegistration(IRecurringJobManager recurringJobs, IEnumerable<RecurringJobRegistration> registrations) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var registration in registrations)
            registration.Register(recurringJobs);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
