using MedAesthetics.Api.Platform.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using NodaTime.Testing;

namespace MedAesthetics.IntegrationTests.Infrastructure;

/// <summary>
/// The API over a real PostgreSQL database of its own, with a fake clock. The outbox dispatcher and the Hangfire server
/// are off: tests drain the outbox and run jobs directly, unless a test is about them.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly Instant DefaultStart = Instant.FromUtc(2026, 3, 2, 8, 0);
    public const string JwtSecret = "integration-tests-only-0123456789-abcdefghijklmnopqrstuvwxyz";

    private readonly Dictionary<string, string?> _settings = new()
    {
        ["JWT_SECRET"] = JwtSecret,
        ["Outbox:DispatcherEnabled"] = "false",
        ["Jobs:ServerEnabled"] = "false",
        ["Identity:PasswordHashIterations"] = "1000",
        ["AUTH_RATE_LIMIT_PER_MINUTE"] = "100000",
        ["REFRESH_RATE_LIMIT_PER_MINUTE"] = "100000",
        ["WEBHOOK_RATE_LIMIT_PER_MINUTE"] = "100000",
        ["REDEEM_RATE_LIMIT_PER_MINUTE"] = "100000",
        ["LOG_LEVEL"] = "Warning",
        ["Database:ThreadSafetyChecks"] = "true",   // production runs without EF's concurrent-use check; every test path runs with it
    };

    private readonly List<Action<IServiceCollection>> _serviceOverrides = [];

    public FakeClock Clock { get; } = new(DefaultStart);
    public string DatabaseName { get; private set; } = "";
    public string ConnectionString => TestDatabase.ConnectionStringFor(DatabaseName);
    protected virtual string Environment => "Testing";

    /// <summary>Changes a setting before the host starts (the host starts on first use).</summary>
    public ApiFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public ApiFactory WithServices(Action<IServiceCollection> configure)
    {
        _serviceOverrides.Add(configure);
        return this;
    }

    /// <summary>Shares another factory's database, to play a second node or a restarted one.</summary>
    public ApiFactory OnDatabaseOf(ApiFactory other)
    {
        DatabaseName = other.DatabaseName;
        _ownsDatabase = false;
        return this;
    }

    private bool _ownsDatabase = true;

    public virtual async Task InitializeAsync()
    {
        if (_ownsDatabase && DatabaseName.Length == 0)
            DatabaseName = await TestDatabase.CreateAsync(GetType().Name);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("DATABASE_URL", ConnectionString);
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IClock>();
            services.AddSingleton<IClock>(Clock);
            foreach (var configure in _serviceOverrides)
                configure(services);
        });
    }

    public async Task WithDbAsync(Func<AppDbContext, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>Runs a recurring job once, as Hangfire would, in its own scope.</summary>
    public async Task<int> RunJobAsync<TJob>() where TJob : MedAesthetics.Api.Platform.Jobs.IRecurringJob
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TJob>().RunAsync(CancellationToken.None);
    }

    /// <summary>Delivers every due outbox event to its handlers.</summary>
    public Task<int> DrainOutboxAsync() => Services.GetRequiredService<MedAesthetics.Api.Platform.Outbox.OutboxProcessor>().ProcessAllAsync();

    public async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> work) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase && DatabaseName.Length > 0)
            await TestDatabase.DropAsync(DatabaseName);
        await DisposeExtrasAsync();
    }

    /// <summary>Stops what a derived factory started beside the API (local provider servers).</summary>
    protected virtual ValueTask DisposeExtrasAsync() => ValueTask.CompletedTask;
}
