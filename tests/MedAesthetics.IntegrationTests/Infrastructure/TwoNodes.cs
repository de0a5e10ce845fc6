namespace MedAesthetics.IntegrationTests.Infrastructure;

/// <summary>Two API nodes over one database: the second shares the first's, as a second replica behind a load balancer.</summary>
public abstract class TwoNodes(ApiFactory first, ApiFactory second) : IAsyncLifetime
{
    protected ApiFactory First { get; } = first;
    protected ApiFactory Second { get; } = second;

    public virtual async Task InitializeAsync()
    {
        await ((IAsyncLifetime)First).InitializeAsync();
        Second.OnDatabaseOf(First);
        await ((IAsyncLifetime)Second).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)Second).DisposeAsync();
        await ((IAsyncLifetime)First).DisposeAsync();
    }
}
