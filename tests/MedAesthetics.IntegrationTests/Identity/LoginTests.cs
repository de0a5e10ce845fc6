using System.Net;
using MedAesthetics.IntegrationTests.Infrastructure;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Identity;

public sealed class LoginTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private Task<HttpResponseMessage> Login(string email, string password) =>
        api.CreateClient().PostJsonAsync("/auth/login", new { email, password });

    [Fact]
    public async Task Login_with_the_right_password_answers_200_with_tokens_whatever_the_email_case()
    {
        var email = Http.UniqueEmail();
        await api.RegisterAsync(email);

        var body = await (await Login(email.ToUpperInvariant(), Http.Password)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(email, body.GetProperty("user").GetProperty("email").GetString());
        Assert.False(string.IsNullOrEmpty(body.AccessToken()));
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_both_answer_401()
    {
        var email = Http.UniqueEmail();
        await api.RegisterAsync(email);

        await (await Login(email, "WrongPassword1")).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await Login(Http.UniqueEmail("nobody"), Http.Password)).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Five_failed_logins_in_a_row_lock_the_account_for_15_minutes()
    {
        var email = Http.UniqueEmail();
        await api.RegisterAsync(email);

        for (var i = 1; i <= 4; i++)
            await (await Login(email, "WrongPassword1")).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await Login(email, "WrongPassword1")).ExpectAsync((HttpStatusCode)423);

        // Locked: even the right password is refused until the 15 minutes are over.
        await (await Login(email, Http.Password)).ExpectAsync((HttpStatusCode)423);
        api.Clock.Advance(Duration.FromMinutes(14));
        await (await Login(email, Http.Password)).ExpectAsync((HttpStatusCode)423);
        api.Clock.Advance(Duration.FromMinutes(1) + Duration.FromSeconds(1));
        await (await Login(email, Http.Password)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_successful_login_resets_the_failure_count()
    {
        var email = Http.UniqueEmail();
        await api.RegisterAsync(email);

        for (var i = 0; i < 4; i++)
            await (await Login(email, "WrongPassword1")).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await Login(email, Http.Password)).ExpectAsync(HttpStatusCode.OK);
        for (var i = 0; i < 4; i++)
            await (await Login(email, "WrongPassword1")).ExpectAsync(HttpStatusCode.Unauthorized);

        await (await Login(email, Http.Password)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Concurrent_wrong_passwords_cannot_exceed_the_limit_unlocked()
    {
        var email = Http.UniqueEmail();
        await api.RegisterAsync(email);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Login(email, "WrongPassword1")));

        Assert.Contains(attempts, r => r.StatusCode == (HttpStatusCode)423);
        await (await Login(email, Http.Password)).ExpectAsync((HttpStatusCode)423);
    }

    [Fact]
    public async Task Login_with_an_empty_body_field_answers_400()
    {
        await (await Login("", "")).ExpectAsync(HttpStatusCode.BadRequest);
    }
}
