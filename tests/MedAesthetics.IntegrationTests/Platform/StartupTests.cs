using MedAesthetics.IntegrationTests.Infrastructure;

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

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : $"{e.Message} {Flatten(e.InnerException)}";
}
