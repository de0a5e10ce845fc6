namespace MedAesthetics.Api.Modules.Notifications;

/// <summary>
/// Sends due deliveries on this node as soon as they are queued, instead of one Hangfire job per delivery (a Hangfire
/// job costs a dozen writes to its tables, which made notifications most of the CPU of every lead intake and booking).
/// <see cref="EnqueueNotificationDeliveries"/> signals it; it then runs the same sweep as the minutely
/// <see cref="NotificationDeliveryJob"/>, which claims each delivery with FOR UPDATE SKIP LOCKED, so nodes never send one
/// twice. Signals that arrive during a sweep make one more sweep. It runs only where the job server runs
/// (<c>Jobs:ServerEnabled</c>); elsewhere each due delivery is a Hangfire job, as before. A crash loses nothing: the
/// deliveries are rows, and the minutely sweep sends whatever a node did not.
/// </summary>
public sealed class NotificationPump(IServiceScopeFactory scopes, ILogger<NotificationPump> log) : BackgroundService
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Signal()
    {
        // A sweep already asked for needs no second signal; checking first spares an exception per queued delivery
        // (hundreds a second during a burst of leads). Two signals racing past the check still meet the catch.
        if (_signal.CurrentCount > 0)
            return;
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // A sweep is already asked for.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<NotificationDeliveryJob>().RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Notification pump: the sweep failed; the minutely job will send what is due");
            }
        }
    }
}
