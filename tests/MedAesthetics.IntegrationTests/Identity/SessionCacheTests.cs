using System.Net;
using MedAesthetics.IntegrationTests.Infrastructure;

namespace MedAesthetics.IntegrationTests.Identity;

/// <summary>
/// Each node remembers the sessions it found alive. Two nodes over one database: a session used on both (so both
/// remember it) and then logged out on the first is refused by the next request on the first (its own change) and on
/// the second (which checks the revocation version on every request here, Sessions:RefreshMilliseconds 0).
/// </summary>
public sealed class SessionCacheTests() : TwoNodes(new ApiFactory(), new ApiFactory().With("Sessions:RefreshMilliseconds", "0"))
{
    [Fact]
    public async Task A_logout_ends_the_session_at_once_on_the_node_that_took_it_and_on_another()
    {
        var tokens = await First.RegisterAsync();
        var access = tokens.AccessToken();
        await (await First.Authorized(access).GetAsync("/users/me")).ExpectAsync(HttpStatusCode.OK);
        await (await Second.Authorized(access).GetAsync("/users/me")).ExpectAsync(HttpStatusCode.OK);

        await (await First.Authorized(access).PostJsonAsync("/auth/logout", new { refreshToken = tokens.RefreshToken() }))
            .ExpectAsync(HttpStatusCode.NoContent);

        Assert.Equal(HttpStatusCode.Unauthorized, (await First.Authorized(access).GetAsync("/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Second.Authorized(access).GetAsync("/users/me")).StatusCode);
    }
}
