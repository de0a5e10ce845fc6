using System.Net;
using MedAesthetics.IntegrationTests.Infrastructure;

namespace MedAesthetics.IntegrationTests.Security;

public sealed class TightRateLimitApi : ApiFactory
{
    public TightRateLimitApi() => With("AUTH_RATE_LIMIT_PER_MINUTE", "10");
}

public sealed class RateLimitTests(TightRateLimitApi api) : IClassFixture<TightRateLimitApi>
{
    [Fact]
    public async Task Login_and_register_accept_10_requests_a_minute_per_address_then_answer_429()
    {
        var client = api.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
            statuses.Add((await client.PostJsonAsync("/auth/login", new { email = "nobody@example.test", password = "WrongPassword1" })).StatusCode);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        var limited = await client.PostJsonAsync("/auth/register", Http.RegistrationFor(Http.UniqueEmail()));
        var problem = await limited.ExpectAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("Too many requests", problem.GetProperty("title").GetString());
        Assert.True(limited.Headers.Contains("Retry-After"));

        // Other endpoints are not limited by the auth policy.
        await (await client.GetAsync("/health/live")).ExpectAsync(HttpStatusCode.OK);
    }
}
