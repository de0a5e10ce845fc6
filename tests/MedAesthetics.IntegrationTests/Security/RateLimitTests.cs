using System.Net;
using System.Net.Http.Json;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.IntegrationTests.Infrastructure;

namespace MedAesthetics.IntegrationTests.Security;

public sealed class TightRateLimitApi : ApiFactory
{
    public const string WebhookKey = "rate-limit-tests-webhook-key-0123456789";

    public TightRateLimitApi()
    {
        With("AUTH_RATE_LIMIT_PER_MINUTE", "10");
        With("REFRESH_RATE_LIMIT_PER_MINUTE", "3");
        With("WEBHOOK_RATE_LIMIT_PER_MINUTE", "3");
        With("REDEEM_RATE_LIMIT_PER_MINUTE", "3");
        With("LEAD_WEBHOOK_KEY", WebhookKey);
        this.WithPeerAddresses();
    }
}

public sealed class RateLimitTests(TightRateLimitApi api) : IClassFixture<TightRateLimitApi>
{
    private static HttpRequestMessage Post(string path, object body, string peer, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: ApiJson.Options) }.From(peer);
        foreach (var (name, value) in headers)
            request.Headers.Add(name, value);
        return request;
    }

    private static async Task AssertLimitedAsync(HttpResponseMessage response, string detailMentions)
    {
        var problem = await response.ExpectAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("Too many requests", problem.GetProperty("title").GetString());
        Assert.Contains(detailMentions, problem.GetProperty("detail").GetString());
        var retryAfter = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.InRange(retryAfter, 1, 60);
    }

    [Fact]
    public async Task Login_and_register_accept_10_requests_a_minute_per_address_then_answer_429()
    {
        var client = api.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
            statuses.Add((await client.SendAsync(Post("/auth/login", new { email = "nobody@example.test", password = "WrongPassword1" }, "192.0.2.10"))).StatusCode);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        await AssertLimitedAsync(await client.SendAsync(Post("/auth/register", Http.RegistrationFor(Http.UniqueEmail()), "192.0.2.10")), "sign-in");

        // Another address has a bucket of its own; other endpoints are not limited.
        await (await client.SendAsync(Post("/auth/login", new { email = "nobody@example.test", password = "WrongPassword1" }, "192.0.2.11")))
            .ExpectAsync(HttpStatusCode.Unauthorized);
        var live = new HttpRequestMessage(HttpMethod.Get, "/health/live").From("192.0.2.10");
        await (await client.SendAsync(live)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_is_limited_per_address()
    {
        var client = api.CreateClient();
        for (var i = 0; i < 3; i++)
            await (await client.SendAsync(Post("/auth/refresh", new { refreshToken = $"not-a-token-{i}" }, "192.0.2.20"))).ExpectAsync(HttpStatusCode.Unauthorized);

        await AssertLimitedAsync(await client.SendAsync(Post("/auth/refresh", new { refreshToken = "not-a-token" }, "192.0.2.20")), "token refreshes");
        await (await client.SendAsync(Post("/auth/refresh", new { refreshToken = "not-a-token" }, "192.0.2.21"))).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Redemption_is_limited_per_user_even_across_addresses_and_per_address_across_users()
    {
        var client = api.CreateClient();
        var (userId, token) = await api.SignedInAsync(UserRole.Client);
        (string, string) Bearer(string t) => ("Authorization", $"Bearer {t}");
        HttpRequestMessage Redeem(string peer, Guid clientId, string accessToken) =>
            Post("/loyalty/redeem", new { clientId, points = 100 }, peer, Bearer(accessToken), ("Idempotency-Key", Guid.NewGuid().ToString("N")));

        // Three from three addresses: the user's bucket is full; a fourth address does not help.
        foreach (var peer in new[] { "198.51.100.1", "198.51.100.2", "198.51.100.3" })
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.SendAsync(Redeem(peer, userId, token))).StatusCode);
        await AssertLimitedAsync(await client.SendAsync(Redeem("198.51.100.4", userId, token)), "redemptions");

        // Three users behind one address fill that address's bucket.
        var others = new List<(Guid, string)>();
        for (var i = 0; i < 4; i++)
            others.Add(await api.SignedInAsync(UserRole.Client));
        for (var i = 0; i < 3; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.SendAsync(Redeem("198.51.100.9", others[i].Item1, others[i].Item2))).StatusCode);
        await AssertLimitedAsync(await client.SendAsync(Redeem("198.51.100.9", others[3].Item1, others[3].Item2)), "redemptions");
    }

    [Fact]
    public async Task Lead_webhooks_are_limited_per_key_wherever_it_is_used_from()
    {
        var client = api.CreateClient();
        var key = (LeadKey: "X-Webhook-Key", TightRateLimitApi.WebhookKey);
        var envelope = new { @object = "page", entry = Array.Empty<object>() };
        foreach (var peer in new[] { "203.0.113.1", "203.0.113.2", "203.0.113.3" })
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.SendAsync(Post("/crm/webhooks/facebook", envelope, peer, key))).StatusCode);

        await AssertLimitedAsync(await client.SendAsync(Post("/crm/webhooks/facebook", envelope, "203.0.113.4", key)), "lead intake");
        // The generic intake shares the webhook limit of the key.
        var lead = new { firstName = "Eleni", email = "eleni@example.test", source = "website" };
        await AssertLimitedAsync(await client.SendAsync(Post("/crm/leads", lead, "203.0.113.5", key)), "lead intake");
    }

    [Fact]
    public async Task Lead_webhooks_are_limited_per_address_whatever_key_is_guessed()
    {
        var client = api.CreateClient();
        var envelope = new { @object = "page", entry = Array.Empty<object>() };
        for (var i = 0; i < 3; i++)
            await (await client.SendAsync(Post("/crm/webhooks/facebook", envelope, "203.0.113.50", ("X-Webhook-Key", $"guess-{i}"))))
                .ExpectAsync(HttpStatusCode.Unauthorized);

        await AssertLimitedAsync(await client.SendAsync(Post("/crm/webhooks/facebook", envelope, "203.0.113.50", ("X-Webhook-Key", "guess-4"))), "lead intake");
    }
}
