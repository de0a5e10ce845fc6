namespace MedAesthetics.Api.Platform.Outbox;

/// <summary>Wakes the dispatcher as soon as a SaveChanges wrote events, instead of waiting for the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); }
            catch (SemaphoreFullException) { }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>Runs on every node: drains the outbox when signalled, and polls so that rows a crash left behind (or retries) are swept.</summary>
public sealed class OutboxDispatcher(OutboxProcessor processor, OutboxSignal signal, IConfiguration configuration, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pollInterval = TimeSpan.FromMilliseconds(configuration.GetValue("Outbox:PollMilliseconds", 1000));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await processor.ProcessBatchAsync(OutboxProcessor.DefaultBatchSize, stoppingToken);
                if (claimed == OutboxProcessor.DefaultBatchSize)
                    continue;
                await signal.WaitAsync(pollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Outbox dispatch failed; retrying after the poll interval");
                await Task.Delay(pollInterval, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }
}

public static class OutboxSetup
{
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxProcessor>();
        if (configuration.GetValue("Outbox:DispatcherEnabled", true))
            services.AddHostedService<OutboxDispatcher>();
        return services;
    }

    /// <summary>Registers every event handler of a module's assembly part (scoped, resolved per delivery).</summary>
    public static IServiceCollection AddEventHandler<THandler>(this IServiceCollection services) where THandler : class, IEventHandler =>
        services.AddScoped<IEventHandler, THandler>();
}
