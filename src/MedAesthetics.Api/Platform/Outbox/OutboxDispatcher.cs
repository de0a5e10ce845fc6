namespace MedAesthetics.Api.Platform.Outbox;

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
