using System.Net;
using MedAesthetics.IntegrationTests.Infrastructure;

namespace MedAesthetics.IntegrationTests.Identity;

/// <summary>
/// Each node remembers the sessions it found alive. Two nodes over one database: a session used on both (so both
/// remember it) and then logged out on the first is refused by the next request on the first (its own change) and on
/// the second (which checks the revocation version on every request here, Sessions:RefreshMilliseconds 0).
/// </summary>
public sealed class SessionCacheTests : IAsyncLifetime
{
    private readonly ApiFactory _first = new();
    private readonly ApiFactory _second = new ApiFactory().With("Sessions:RefreshMilliseconds", "0");

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_first).InitializeAsync();
        _second.OnDatabaseOf(_first);
        await ((IAsyncLifetime)_second).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_second).DisposeAsync();
        await ((IAsyncLifetime)_first).DisposeAsync();
    }

    [Fact]
    public async Task A_logout_ends_the_session_at_once_on_the_node_that_took_it_and_on_another()
    {
        var tokens = await _first.RegisterAsync();
        var access = tokens.AccessToken();
        await (await _first.Authorized(access).GetAsync("/users/me")).ExpectAsync(HttpStatusCode.OK);
        await (await _second.Authorized(access).GetAsync("/users/me")).ExpectAsync(HttpStatusCode.OK);

        await (await _first.Authorized(access).PostJsonAsync("/auth/logout", new { refreshToken = tokens.RefreshToken() }))
            .ExpectAsync(HttpStatusCode.NoContent);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _first.Authorized(access).GetAsync("/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _second.Authorized(access).GetAsync("/users/me")).StatusCode);
    }
}
