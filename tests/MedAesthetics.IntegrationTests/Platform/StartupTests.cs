using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace MedAesthetics.IntegrationTests.Platform;

public sealed class ProductionApi : ApiFactory
{
    protected override string Environment => "Production";
}

public sealed class StartupTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("short-secret")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("changeme-changeme-changeme-changeme-changeme")]
    public async Task Production_refuses_to_start_without_a_strong_jwt_secret(string? secret)
    {
        var api = new ProductionApi();
        await ((Xunit.IAsyncLifetime)api).InitializeAsync();
        api.With("JWT_SECRET", secret);

        var error = Assert.ThrowsAny<Exception>(() => api.CreateClient());

        Assert.Contains("JWT_SECRET", Flatten(error));
        await ((Xunit.IAsyncLifetime)api).DisposeAsync();
    }

    [Fact]
    public async Task Production_starts_with_a_strong_jwt_secret()
    {
        var api = new ProductionApi();
        await ((Xunit.IAsyncLifetime)api).InitializeAsync();

        var response = await api.CreateClient().GetAsync("/health/live");

        Assert.True(response.IsSuccessStatusCode);
        await ((Xunit.IAsyncLifetime)api).DisposeAsync();
    }

    [Fact]
    public async Task EFs_concurrent_use_check_is_off_unless_configured_and_the_tests_run_with_it()
    {
        var production = new ProductionApi();
        await ((Xunit.IAsyncLifetime)production).InitializeAsync();
        production.With("Database:ThreadSafetyChecks", null);
        var tests = new ApiFactory();
        await ((Xunit.IAsyncLifetime)tests).InitializeAsync();

        Assert.False(await production.WithDbAsync(db => Task.FromResult(ThreadSafetyChecks(db))));
        Assert.True(await tests.WithDbAsync(db => Task.FromResult(ThreadSafetyChecks(db))));

        await ((Xunit.IAsyncLifetime)production).DisposeAsync();
        await ((Xunit.IAsyncLifetime)tests).DisposeAsync();
    }

    private static bool ThreadSafetyChecks(AppDbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.ThreadSafetyChecksEnabled;

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : $"{e.Message} {Flatten(e.InnerException)}";
}
