using MedAesthetics.Api.Modules.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedAesthetics.UnitTests.Notifications;

public sealed class NotificationPumpTests
{
    [Fact]
    public void Signals_while_a_sweep_is_already_asked_for_throw_nothing_internally()
    {
        var pump = new NotificationPump(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
            NullLogger<NotificationPump>.Instance);
        var thread = Environment.CurrentManagedThreadId;
        var thrown = 0;
        void Count(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (e.Exception is SemaphoreFullException && Environment.CurrentManagedThreadId == thread)
                Interlocked.Increment(ref thrown);
        }

        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            // The first asks for a sweep; the rest find it asked for (one per queued delivery in a burst of leads).
            for (var i = 0; i < 100; i++)
                pump.Signal();
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }

        Assert.Equal(0, thrown);
    }
}
