using System.Net;
using MedAesthetics.IntegrationTests.Infrastructure;

namespace MedAesthetics.IntegrationTests.Security;

/// <summary>Two logins a minute per address, so the bucket a request lands in is visible.</summary>
public class TwoLoginsApi : ApiFactory
{
    public TwoLoginsApi()
    {
        With("AUTH_RATE_LIMIT_PER_MINUTE", "2");
        this.WithPeerAddresses();
    }
}

public sealed class NoTrustedProxyApi : TwoLoginsApi;

public sealed class TrustedProxyApi : TwoLoginsApi
{
    public TrustedProxyApi() => With("TRUSTED_PROXIES", "10.0.0.5, 172.16.0.0/12");
}

public sealed class ProductionBehindProxyApi : TwoLoginsApi
{
    public ProductionBehindProxyApi() => With("TRUSTED_PROXIES", "10.0.0.5");
    protected override string Environment => "Production";
}

internal static class Logins
{
    public static async Task<HttpStatusCode> LoginAsync(this ApiFactory api, string peer, string? forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { email = "nobody@example.test", password = "WrongPassword1" }),
        }.From(peer);
        if (forwardedFor is not null)
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await api.CreateClient().SendAsync(request)).StatusCode;
    }
}

public sealed class UntrustedForwardingTests(NoTrustedProxyApi api) : IClassFixture<NoTrustedProxyApi>
{
    [Fact]
    public async Task Without_trusted_proxies_X_Forwarded_For_does_not_change_the_rate_limit_bucket()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await api.LoginAsync("10.0.0.5", "192.0.2.1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await api.LoginAsync("10.0.0.5", "192.0.2.2"));

        Assert.Equal(HttpStatusCode.TooManyRequests, await api.LoginAsync("10.0.0.5", "192.0.2.3"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await api.LoginAsync("10.0.0.5", null));
    }

    [Fact]
    public async Task Loopback_is_not_trusted_by_default()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await api.LoginAsync("127.0.0.1", "192.0.2.1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await api.LoginAsync("127.0.0.1", "192.0.2.2"));

        Assert.Equal(HttpStatusCode.TooManyRequests, await api.LoginAsync("127.0.0.1", "192.0.2.3"));
    }
}

public sealed class TrustedForwardingTests(TrustedProxyApi api) : IClassFixture<TrustedProxyApi>
{
    [Fact]
    public async Task From_a_trusted_proxy_X_Forwarded_For_names_the_client_and_so_the_bucket()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await api.LoginAsync("10.0.0.5", "192.0.2.1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await api.LoginAsync("10.0.0.5", "192.0.2.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await api.LoginAsync("10.0.0.5", "192.0.2.1"));

        // Other clients behind the same proxy have their own buckets.
        Assert.Equal(HttpStatusCode.Unauthorized, await api.LoginAsync("10.0.0.5", "192.0.2.2"));
        // A proxy of a trusted network counts too.
        Assert.Equal(HttpStatusCode.Unauthorized, await api.LoginAsync("172.20.1.1", "192.0.2.3"));
    }

    [Fact]
    public async Task A_client_cannot_pick_its_bucket_by_adding_to_the_header_a_trusted_proxy_appends_to()
    {
        // The proxy appends the real client (192.0.2.40) to what the client sent; only the right-most untrusted entry counts.
        Assert.Equal(HttpStatusCode.Unauthorized, await api.LoginAsync("10.0.0.5", "198.51.100.1, 192.0.2.40"));
        Assert.Equal(HttpStatusCode.Unauthorized, await api.LoginAsync("10.0.0.5", "198.51.100.2, 192.0.2.40"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await api.LoginAsync("10.0.0.5", "198.51.100.3, 192.0.2.40"));
    }

    [Fact]
    public async Task From_an_untrusted_address_X_Forwarded_For_is_ignored_even_when_proxies_are_configured()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await api.LoginAsync("10.0.0.6", "192.0.2.50"));
        Assert.Equal(HttpStatusCode.Unauthorized, await api.LoginAsync("10.0.0.6", "192.0.2.51"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await api.LoginAsync("10.0.0.6", "192.0.2.52"));
    }
}

public sealed class ForwardedProtoTests(ProductionBehindProxyApi api) : IClassFixture<ProductionBehindProxyApi>
{
    private async Task<HttpResponseMessage> GetAsync(string peer, string? proto)
    {
        var client = api.CreateClient();
        client.BaseAddress = new Uri("http://api.clinic.test");
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live").From(peer);
        if (proto is not null)
            request.Headers.Add("X-Forwarded-Proto", proto);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task In_production_HSTS_is_sent_when_a_trusted_proxy_says_the_request_came_over_https()
    {
        var viaTls = await GetAsync("10.0.0.5", "https");
        Assert.Equal(HttpStatusCode.OK, viaTls.StatusCode);
        Assert.StartsWith("max-age=31536000", Assert.Single(viaTls.Headers.GetValues("Strict-Transport-Security")));

        Assert.False((await GetAsync("10.0.0.5", null)).Headers.Contains("Strict-Transport-Security"));
        Assert.False((await GetAsync("10.0.0.9", "https")).Headers.Contains("Strict-Transport-Security"));
    }
}
