using System.Net;
using MedAesthetics.Api.Modules.Webhooks;

namespace MedAesthetics.UnitTests.Webhooks;

public sealed class AddressClassifierTests
{
    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("10.255.255.255")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.10")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.255")]
    [InlineData("169.254.169.254")]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("240.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("192.0.2.5")]
    [InlineData("198.18.0.1")]
    [InlineData("::")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456:789a::1")]
    [InlineData("fe80::1")]
    [InlineData("febf::1")]
    [InlineData("fec0::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("2002:a00:1::1")]
    [InlineData("2001:db8::1")]
    [InlineData("::10.0.0.1")]
    public void Private_link_local_reserved_and_multicast_addresses_are_forbidden(string address) =>
        Assert.Equal(AddressKind.Forbidden, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.1.2.3")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Loopback_is_its_own_kind(string address) =>
        Assert.Equal(AddressKind.Loopback, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("169.253.1.1")]
    [InlineData("193.92.1.1")]
    [InlineData("2a00:1450:4001:81c::200e")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2002:808:808::1")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.Equal(AddressKind.Public, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Fact]
    public void Loopback_is_allowed_only_when_the_setting_says_so()
    {
        Assert.False(AddressClassifier.IsAllowed(IPAddress.Loopback, allowLoopback: false));
        Assert.True(AddressClassifier.IsAllowed(IPAddress.Loopback, allowLoopback: true));
        Assert.False(AddressClassifier.IsAllowed(IPAddress.Parse("10.0.0.1"), allowLoopback: true));
    }
}

public sealed class WebhookUrlShapeTests
{
    [Theory]
    [InlineData("https://10.0.0.1/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[fd00::1]:8443/hook")]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://api.localhost/hook")]
    [InlineData("http://2130706433/hook")]
    [InlineData("http://0x7f.1/hook")]
    [InlineData("http://017700000001/hook")]
    public void Internal_hosts_are_refused_when_loopback_is_not_allowed(string url) =>
        Assert.NotNull(WebhookUrlPolicy.CheckShape(url, requireHttps: false, allowLoopback: false));

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://[::1]:8080/hook")]
    [InlineData("http://localhost:8080/hook")]
    public void Loopback_is_accepted_when_allowed(string url) =>
        Assert.Null(WebhookUrlPolicy.CheckShape(url, requireHttps: false, allowLoopback: true));

    [Theory]
    [InlineData("hooks.example.com/path")]
    [InlineData("/relative")]
    [InlineData("ftp://hooks.example.com/x")]
    [InlineData("https://user:pass@hooks.example.com/x")]
    [InlineData("https://hooks.example.com/x#frag")]
    [InlineData("file:///etc/passwd")]
    public void Malformed_or_non_http_urls_are_refused(string url) =>
        Assert.NotNull(WebhookUrlPolicy.CheckShape(url, requireHttps: false, allowLoopback: true));

    [Fact]
    public void Production_requires_https()
    {
        Assert.NotNull(WebhookUrlPolicy.CheckShape("http://hooks.example.com/x", requireHttps: true, allowLoopback: false));
        Assert.Null(WebhookUrlPolicy.CheckShape("https://hooks.example.com/x", requireHttps: true, allowLoopback: false));
        Assert.Null(WebhookUrlPolicy.CheckShape("http://hooks.example.com/x", requireHttps: false, allowLoopback: false));
    }
}
