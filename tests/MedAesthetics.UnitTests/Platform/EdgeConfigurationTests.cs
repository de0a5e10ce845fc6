using System.Net;
using MedAesthetics.Api.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace MedAesthetics.UnitTests.Platform;

public sealed class EdgeConfigurationTests
{
    private static IConfiguration Config(string key, string? value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" , ")]
    public void Without_TRUSTED_PROXIES_no_forwarded_header_is_believed(string? value)
    {
        Assert.Null(ForwardedProxies.OptionsFrom(Config(ForwardedProxies.Variable, value)));
    }

    [Fact]
    public void TRUSTED_PROXIES_lists_only_the_configured_proxies_and_networks_not_loopback()
    {
        var options = ForwardedProxies.OptionsFrom(Config(ForwardedProxies.Variable, "10.0.0.5, 10.0.0.0/8,fd00::/8"))!;

        Assert.Equal([IPAddress.Parse("10.0.0.5")], options.KnownProxies);
        Assert.Equal(["10.0.0.0/8", "fd00::/8"], options.KnownIPNetworks.Select(n => n.ToString()));
        Assert.Null(options.ForwardLimit);
    }

    [Theory]
    [InlineData("10.0.0.500")]
    [InlineData("10.0.0.0/33")]
    [InlineData("proxy.local")]
    public void A_malformed_TRUSTED_PROXIES_entry_stops_the_start(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ForwardedProxies.OptionsFrom(Config(ForwardedProxies.Variable, value)));
        Assert.Contains(ForwardedProxies.Variable, error.Message);
    }

    [Fact]
    public void CORS_ORIGINS_is_a_list_of_exact_origins()
    {
        Assert.Empty(CorsOrigins.From(Config(CorsOrigins.Variable, null)));
        Assert.Equal(["https://app.clinic.test", "http://localhost:5173"], CorsOrigins.From(Config(CorsOrigins.Variable, "https://app.clinic.test/, http://localhost:5173")));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("app.clinic.test")]
    [InlineData("https://app.clinic.test/path")]
    [InlineData("ftp://app.clinic.test")]
    public void A_CORS_ORIGINS_entry_that_is_not_an_origin_stops_the_start(string value)
    {
        Assert.Throws<InvalidOperationException>(() => CorsOrigins.From(Config(CorsOrigins.Variable, value)));
    }

    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void The_rate_limit_bucket_of_an_address_groups_IPv6_by_its_64_bit_prefix(string address, string bucket)
    {
        var http = new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse(address) } };

        Assert.Equal(bucket, RateLimits.ClientAddress(http));
    }

    [Fact]
    public void The_API_policy_is_strict_and_the_pages_get_their_own()
    {
        Assert.Equal(SecurityHeaders.ApiPolicy, SecurityHeaders.PolicyFor("/clinics"));
        Assert.Equal(SecurityHeaders.ApiPolicy, SecurityHeaders.PolicyFor("/api/docs/openapi.json"));
        Assert.Equal(SecurityHeaders.ApiPolicy, SecurityHeaders.PolicyFor("/api/documents"));
        Assert.Equal(SecurityHeaders.PagePolicy, SecurityHeaders.PolicyFor("/api/docs/index.html"));
        Assert.Equal(SecurityHeaders.PagePolicy, SecurityHeaders.PolicyFor("/jobs/recurring"));
        Assert.Equal(SecurityHeaders.ApiPolicy, SecurityHeaders.PolicyFor("/jobsx"));
    }
}
