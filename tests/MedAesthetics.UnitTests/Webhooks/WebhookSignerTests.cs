using System.Security.Cryptography;
using System.Text;
using MedAesthetics.Api.Modules.Webhooks;
using NodaTime;

namespace MedAesthetics.UnitTests.Webhooks;

public sealed class WebhookSignerTests
{
    [Fact]
    public void The_signature_is_sha256_and_the_lowercase_hex_hmac_of_the_exact_body()
    {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        var signature = WebhookSigner.Sign(Encoding.UTF8.GetBytes("what do ya want for nothing?"), "Jefe");
        Assert.Equal("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", signature);
    }

    [Fact]
    public void A_receiver_verifies_with_the_same_secret_and_refuses_a_changed_body_or_another_secret()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":"1","type":"lead.created","occurredAt":"2026-03-02T08:00:00Z","data":{"firstName":"Ελένη"}}""");
        var secret = WebhookSigner.NewSecret();
        var signature = WebhookSigner.Sign(body, secret);

        Assert.True(WebhookSigner.Verify(body, secret, signature));
        Assert.False(WebhookSigner.Verify(body, WebhookSigner.NewSecret(), signature));
        Assert.False(WebhookSigner.Verify(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("Ελένη", "Eleni")), secret, signature));
        Assert.False(WebhookSigner.Verify(body, secret, null));
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)), signature["sha256=".Length..]);
    }

    [Fact]
    public void Generated_secrets_are_long_random_and_prefixed()
    {
        var a = WebhookSigner.NewSecret();
        var b = WebhookSigner.NewSecret();
        Assert.StartsWith("whsec_", a);
        Assert.True(a.Length >= 40);
        Assert.NotEqual(a, b);
        Assert.Matches("^whsec_[A-Za-z0-9_-]+$", a);
    }
}

public sealed class WebhookRetryTests
{
    [Fact]
    public void Tries_back_off_from_a_minute_to_two_hours() =>
        Assert.Equal(
            [Duration.FromMinutes(1), Duration.FromMinutes(5), Duration.FromMinutes(30), Duration.FromHours(2)],
            Enumerable.Range(1, 4).Select(WebhookRetry.Backoff).ToArray());

    [Fact]
    public void An_endpoint_is_disabled_only_after_the_whole_window_of_failures()
    {
        var since = Instant.FromUtc(2026, 3, 2, 8, 0);
        Assert.False(WebhookRetry.ShouldDisable(null, since + Duration.FromDays(3), 24));
        Assert.False(WebhookRetry.ShouldDisable(since, since + Duration.FromHours(23) + Duration.FromMinutes(59), 24));
        Assert.True(WebhookRetry.ShouldDisable(since, since + Duration.FromHours(24), 24));
        Assert.True(WebhookRetry.ShouldDisable(since, since + Duration.FromHours(2), 2));
    }
}
