using System.Net;
using System.Security.Claims;
using MedAesthetics.Api.Modules.Identity;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Identity;

public sealed class TokenTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private Task<HttpResponseMessage> Refresh(string refreshToken) =>
        api.CreateClient().PostJsonAsync("/auth/refresh", new { refreshToken });

    private async Task<HttpStatusCode> MeStatus(string accessToken) =>
        (await api.Authorized(accessToken).GetAsync("/users/me")).StatusCode;

    [Fact]
    public async Task Refresh_rotates_the_tokens_and_spends_the_old_refresh_token()
    {
        var first = await api.RegisterAsync();

        var second = await (await Refresh(first.RefreshToken())).ExpectAsync(HttpStatusCode.OK);

        Assert.NotEqual(first.RefreshToken(), second.RefreshToken());
        Assert.Equal(HttpStatusCode.OK, await MeStatus(second.AccessToken()));
        var hash = AuthService.HashToken(first.RefreshToken());
        var spent = await api.WithDbAsync(db => db.Set<RefreshToken>().SingleAsync(t => t.TokenHash == hash));
        Assert.NotNull(spent.ConsumedAt);
    }

    [Fact]
    public async Task Refresh_tokens_are_stored_only_as_hashes()
    {
        var tokens = await api.RegisterAsync();
        var raw = tokens.RefreshToken();

        var stored = await api.WithDbAsync(db => db.Set<RefreshToken>().Select(t => t.TokenHash).ToListAsync());

        Assert.DoesNotContain(raw, stored);
        Assert.Contains(AuthService.HashToken(raw), stored);
    }

    [Fact]
    public async Task Reusing_a_spent_refresh_token_answers_401_and_revokes_the_whole_family()
    {
        var first = await api.RegisterAsync();
        var second = await (await Refresh(first.RefreshToken())).ExpectAsync(HttpStatusCode.OK);

        await (await Refresh(first.RefreshToken())).ExpectAsync(HttpStatusCode.Unauthorized);

        // The token the legitimate rotation produced dies with its family, and so do the family's access tokens.
        await (await Refresh(second.RefreshToken())).ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(second.AccessToken()));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(first.AccessToken()));
    }

    [Fact]
    public async Task Reuse_in_one_family_leaves_the_users_other_sessions_alive()
    {
        var email = Http.UniqueEmail();
        var phone = await api.RegisterAsync(email);
        var laptop = await api.LoginAsync(email);
        await (await Refresh(phone.RefreshToken())).ExpectAsync(HttpStatusCode.OK);

        await (await Refresh(phone.RefreshToken())).ExpectAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(HttpStatusCode.OK, await MeStatus(laptop.AccessToken()));
        await (await Refresh(laptop.RefreshToken())).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Two_concurrent_refreshes_of_one_token_never_both_succeed()
    {
        var tokens = await api.RegisterAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Refresh(tokens.RefreshToken())));

        Assert.True(results.Count(r => r.StatusCode == HttpStatusCode.OK) <= 1);
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
    }

    [Fact]
    public async Task Logout_revokes_the_refresh_token_family_and_its_access_tokens()
    {
        var first = await api.RegisterAsync();
        var second = await (await Refresh(first.RefreshToken())).ExpectAsync(HttpStatusCode.OK);

        var logout = await api.Authorized(second.AccessToken()).PostJsonAsync("/auth/logout", new { refreshToken = second.RefreshToken() });

        await logout.ExpectAsync(HttpStatusCode.NoContent);
        await (await Refresh(second.RefreshToken())).ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(second.AccessToken()));
    }

    [Fact]
    public async Task Logout_needs_an_access_token()
    {
        var tokens = await api.RegisterAsync();

        var logout = await api.CreateClient().PostJsonAsync("/auth/logout", new { refreshToken = tokens.RefreshToken() });

        await logout.ExpectAsync(HttpStatusCode.Unauthorized);
        await (await Refresh(tokens.RefreshToken())).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Logout_cannot_revoke_another_users_session()
    {
        var victim = await api.RegisterAsync();
        var attacker = await api.RegisterAsync();

        await (await api.Authorized(attacker.AccessToken()).PostJsonAsync("/auth/logout", new { refreshToken = victim.RefreshToken() }))
            .ExpectAsync(HttpStatusCode.NoContent);

        Assert.Equal(HttpStatusCode.OK, await MeStatus(victim.AccessToken()));
        await (await Refresh(victim.RefreshToken())).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Access_tokens_expire_after_15_minutes()
    {
        var tokens = await api.RegisterAsync();
        var clock = new Infrastructure.ClockScope(api.Clock);

        clock.Advance(Duration.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, await MeStatus(tokens.AccessToken()));
        clock.Advance(Duration.FromMinutes(1) + Duration.FromSeconds(10));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(tokens.AccessToken()));
        clock.Restore();
    }

    [Fact]
    public async Task Refresh_tokens_expire_after_30_days()
    {
        var tokens = await api.RegisterAsync();
        var clock = new Infrastructure.ClockScope(api.Clock);

        clock.Advance(Duration.FromDays(30) + Duration.FromMinutes(1));
        await (await Refresh(tokens.RefreshToken())).ExpectAsync(HttpStatusCode.Unauthorized);
        clock.Restore();
    }

    [Fact]
    public async Task An_unknown_or_forged_refresh_token_answers_401()
    {
        await (await Refresh("not-a-token")).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await Refresh("")).ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_answers_401()
    {
        var tokens = await api.RegisterAsync();
        var parts = tokens.AccessToken().Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}";

        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(forged));
    }

    [Fact]
    public async Task A_client_that_goes_away_while_its_session_is_checked_fails_authentication_instead_of_throwing()
    {
        var tokens = await api.RegisterAsync();   // a session this node has not yet found alive, so it is asked for
        var options = api.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        var validated = await new JsonWebTokenHandler().ValidateTokenAsync(tokens.AccessToken(), options.TokenValidationParameters);
        Assert.True(validated.IsValid);
        await using var scope = api.Services.CreateAsyncScope();
        using var aborted = new CancellationTokenSource();
        aborted.Cancel();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider, RequestAborted = aborted.Token };
        var scheme = new AuthenticationScheme(JwtBearerDefaults.AuthenticationScheme, null, typeof(JwtBearerHandler));
        var context = new TokenValidatedContext(http, scheme, options)
        {
            Principal = new ClaimsPrincipal(validated.ClaimsIdentity),
            SecurityToken = validated.SecurityToken,
        };

        await options.Events.OnTokenValidated(context);   // an OperationCanceledException here is what the handler logged as an error

        Assert.NotNull(context.Result?.Failure);
    }
}
