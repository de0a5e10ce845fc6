using System.Net;
using System.Text.Json;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Infrastructure;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Identity;

public sealed class StrictRefreshApi : ApiFactory;

public sealed class GraceRefreshApi : ApiFactory;

internal static class RefreshCalls
{
    public static Task<HttpResponseMessage> RefreshAsync(this ApiFactory api, string refreshToken) =>
        api.CreateClient().PostJsonAsync("/auth/refresh", new { refreshToken });

    public static async Task<HttpResponseMessage[]> RefreshConcurrentlyAsync(this ApiFactory api, string refreshToken, int times)
    {
        using var start = new SemaphoreSlim(0);
        var calls = Enumerable.Range(0, times).Select(async _ =>
        {
            await start.WaitAsync();
            return await api.RefreshAsync(refreshToken);
        }).ToList();
        start.Release(times);
        return await Task.WhenAll(calls);
    }

    public static async Task<HttpStatusCode> MeAsync(this ApiFactory api, string accessToken) =>
        (await api.Authorized(accessToken).GetAsync("/users/me")).StatusCode;
}

/// <summary>refreshReuseGraceSeconds = 0 (the default): a spent token presented again revokes its family, whatever the timing.</summary>
public sealed class StrictRefreshTests(StrictRefreshApi api) : IClassFixture<StrictRefreshApi>
{
    [Fact]
    public async Task The_reuse_grace_is_seeded_off()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);

        var settings = await (await api.Authorized(admin).GetAsync("/admin/settings")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(0, settings.GetProperty("refreshReuseGraceSeconds").GetInt32());
    }

    [Fact]
    public async Task Strict_ten_concurrent_refreshes_of_one_token_give_one_winner_whose_tokens_the_losers_revoke()
    {
        var tokens = await api.RegisterAsync();

        var results = await api.RefreshConcurrentlyAsync(tokens.RefreshToken(), 10);

        var winners = results.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        Assert.Single(winners);
        Assert.Equal(9, results.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
        var won = await winners[0].JsonAsync();
        await (await api.RefreshAsync(won.RefreshToken())).ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, await api.MeAsync(won.AccessToken()));
        Assert.Equal(HttpStatusCode.Unauthorized, await api.MeAsync(tokens.AccessToken()));
    }
}

/// <summary>refreshReuseGraceSeconds = 30, set by an admin.</summary>
public sealed class GraceRefreshTests(GraceRefreshApi api) : IClassFixture<GraceRefreshApi>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        api.Clock.Reset(ApiFactory.DefaultStart);
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var settings = await (await api.Authorized(admin).PatchJsonAsync("/admin/settings", new { refreshReuseGraceSeconds = 30 })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(30, settings.GetProperty("refreshReuseGraceSeconds").GetInt32());
    }

    public Task DisposeAsync()
    {
        api.Clock.Reset(ApiFactory.DefaultStart);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Within_the_grace_ten_concurrent_refreshes_all_get_the_same_pair_and_the_family_stays_valid()
    {
        var tokens = await api.RegisterAsync();

        var results = await api.RefreshConcurrentlyAsync(tokens.RefreshToken(), 10);

        var bodies = new List<JsonElement>();
        foreach (var result in results)
            bodies.Add(await result.ExpectAsync(HttpStatusCode.OK));
        Assert.Single(bodies.Select(b => (b.AccessToken(), b.RefreshToken())).Distinct());
        var pair = bodies[0];
        Assert.NotEqual(tokens.RefreshToken(), pair.RefreshToken());
        Assert.Equal(HttpStatusCode.OK, await api.MeAsync(pair.AccessToken()));
        var next = await (await api.RefreshAsync(pair.RefreshToken())).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, await api.MeAsync(next.AccessToken()));
    }

    [Fact]
    public async Task A_retry_a_few_seconds_later_gets_the_same_pair_the_first_refresh_answered()
    {
        var tokens = await api.RegisterAsync();
        var first = await (await api.RefreshAsync(tokens.RefreshToken())).ExpectAsync(HttpStatusCode.OK);
        api.Clock.Advance(Duration.FromSeconds(29));

        var retry = await (await api.RefreshAsync(tokens.RefreshToken())).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(first.AccessToken(), retry.AccessToken());
        Assert.Equal(first.RefreshToken(), retry.RefreshToken());
        Assert.Equal(HttpStatusCode.OK, await api.MeAsync(retry.AccessToken()));
    }

    [Fact]
    public async Task Reuse_after_the_grace_revokes_the_family()
    {
        var tokens = await api.RegisterAsync();
        var first = await (await api.RefreshAsync(tokens.RefreshToken())).ExpectAsync(HttpStatusCode.OK);
        api.Clock.Advance(Duration.FromSeconds(31));

        await (await api.RefreshAsync(tokens.RefreshToken())).ExpectAsync(HttpStatusCode.Unauthorized);

        await (await api.RefreshAsync(first.RefreshToken())).ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, await api.MeAsync(first.AccessToken()));
    }

    [Fact]
    public async Task Reuse_within_the_grace_after_the_successor_was_itself_rotated_revokes_the_family()
    {
        var tokens = await api.RegisterAsync();
        var first = await (await api.RefreshAsync(tokens.RefreshToken())).ExpectAsync(HttpStatusCode.OK);
        var second = await (await api.RefreshAsync(first.RefreshToken())).ExpectAsync(HttpStatusCode.OK);

        await (await api.RefreshAsync(tokens.RefreshToken())).ExpectAsync(HttpStatusCode.Unauthorized);

        await (await api.RefreshAsync(second.RefreshToken())).ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, await api.MeAsync(second.AccessToken()));
    }

    [Fact]
    public async Task Reuse_within_the_grace_after_a_logout_answers_401()
    {
        var tokens = await api.RegisterAsync();
        var first = await (await api.RefreshAsync(tokens.RefreshToken())).ExpectAsync(HttpStatusCode.OK);
        var logout = await api.Authorized(first.AccessToken()).PostJsonAsync("/auth/logout", new { refreshToken = first.RefreshToken() });
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        await (await api.RefreshAsync(tokens.RefreshToken())).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await api.RefreshAsync(first.RefreshToken())).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(61)]
    public async Task The_grace_is_0_to_60_seconds(int seconds)
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);

        var problem = await (await api.Authorized(admin).PatchJsonAsync("/admin/settings", new { refreshReuseGraceSeconds = seconds }))
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("refreshReuseGraceSeconds", out _), problem.ToString());
    }
}
