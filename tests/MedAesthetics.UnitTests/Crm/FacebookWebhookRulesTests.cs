using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MedAesthetics.Api.Modules.Crm;
using NodaTime;

namespace MedAesthetics.UnitTests.Crm;

public sealed class FacebookWebhookRulesTests
{
    private const string Secret = "app-secret-for-tests";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"object":"page","entry":[]}""");

    private static string Signature(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    [Fact]
    public void The_hmac_of_the_exact_body_under_the_app_secret_is_valid_in_either_hex_case()
    {
        Assert.True(FacebookSignature.IsValid(Body, Signature(Body, Secret), Secret));
        Assert.True(FacebookSignature.IsValid(Body, "sha256=" + Signature(Body, Secret)[7..].ToUpperInvariant(), Secret));
        Assert.Equal(Signature(Body, Secret), FacebookSignature.Sign(Body, Secret));
    }

    [Fact]
    public void A_changed_body_another_secret_a_missing_or_malformed_header_or_no_secret_is_invalid()
    {
        var tampered = Encoding.UTF8.GetBytes("""{"object":"page","entry":[ ]}""");
        Assert.False(FacebookSignature.IsValid(tampered, Signature(Body, Secret), Secret));
        Assert.False(FacebookSignature.IsValid(Body, Signature(Body, "another-secret"), Secret));
        Assert.False(FacebookSignature.IsValid(Body, null, Secret));
        Assert.False(FacebookSignature.IsValid(Body, Signature(Body, Secret)[7..], Secret));
        Assert.False(FacebookSignature.IsValid(Body, "sha1=" + Signature(Body, Secret)[7..], Secret));
        Assert.False(FacebookSignature.IsValid(Body, "sha256=zz" + Signature(Body, Secret)[9..], Secret));
        Assert.False(FacebookSignature.IsValid(Body, Signature(Body, Secret)[..^2], Secret));
        Assert.False(FacebookSignature.IsValid(Body, Signature(Body, Secret), null));
    }

    [Theory]
    [InlineData("subscribe", "verify-me", true)]
    [InlineData("subscribe", "verify-mE", false)]
    [InlineData("unsubscribe", "verify-me", false)]
    [InlineData(null, "verify-me", false)]
    [InlineData("subscribe", null, false)]
    public void The_handshake_needs_mode_subscribe_and_the_verify_token(string? mode, string? token, bool accepted) =>
        Assert.Equal(accepted, FacebookSignature.HandshakeAccepted(mode, token, "verify-me"));

    [Fact]
    public void No_verify_token_configured_refuses_every_handshake() =>
        Assert.False(FacebookSignature.HandshakeAccepted("subscribe", "", null));

    [Fact]
    public void Ids_only_leadgen_changes_are_read_as_notices_and_field_data_changes_are_left_to_the_lead_reader()
    {
        using var json = JsonDocument.Parse("""
            {"object":"page","entry":[{"id":"111","time":1772438400,"changes":[
              {"field":"leadgen","value":{"leadgen_id":"444","page_id":"111","form_id":"555","ad_id":"666","adgroup_id":"777","created_time":1772438400}},
              {"field":"leadgen","value":{"leadgen_id":"445","field_data":[{"name":"email","values":["a@example.test"]}]}},
              {"field":"feed","value":{"leadgen_id":"446"}}]}]}
            """);
        var (notices, problems) = LeadWebhooks.ReadLeadgenNotices(json.RootElement);

        Assert.Empty(problems);
        var notice = Assert.Single(notices);
        Assert.Equal(new LeadWebhooks.LeadgenNotice("444", "111", "555", "666", "777", 1772438400), notice);
        Assert.Equal("445", Assert.Single(LeadWebhooks.ReadFacebook(json.RootElement)).LeadgenId);
    }

    [Theory]
    [InlineData("""{"leadgen_id":444}""")]
    [InlineData("""{"leadgen_id":"44a"}""")]
    [InlineData("""{"leadgen_id":"444","form_id":["5"]}""")]
    [InlineData("""{"leadgen_id":"444","created_time":"yesterday"}""")]
    public void A_leadgen_change_whose_ids_are_not_facebook_ids_is_a_problem_not_a_notice(string value)
    {
        using var json = JsonDocument.Parse($$"""{"entry":[{"changes":[{"field":"leadgen","value":{{value}}}]}]}""");
        var (notices, problems) = LeadWebhooks.ReadLeadgenNotices(json.RootElement);
        Assert.Empty(notices);
        Assert.NotEmpty(problems);
    }

    [Fact]
    public void A_failing_fetch_waits_longer_each_time_and_is_given_up_after_the_last_attempt()
    {
        var now = Instant.FromUtc(2026, 3, 2, 8, 0);
        var leadgen = FacebookLeadgen.Receive(new LeadWebhooks.LeadgenNotice("444", null, null, null, null, null), null, null, now);
        var waits = new List<Duration>();
        for (var attempt = 1; attempt <= FacebookLeadgen.MaxAttempts; attempt++)
        {
            leadgen.Claim(now);
            Assert.Equal(now + FacebookLeadgen.ClaimLease, leadgen.NextAttemptAt);
            leadgen.RetryLater("Graph API answered 500", now);
            if (leadgen.Status == LeadgenStatus.Pending)
                waits.Add(leadgen.NextAttemptAt - now);
        }
        Assert.Equal([Duration.FromMinutes(1), Duration.FromMinutes(5), Duration.FromMinutes(30), Duration.FromHours(2), Duration.FromHours(6)], waits);
        Assert.Equal(LeadgenStatus.Failed, leadgen.Status);
        Assert.Contains("gave up after 6 attempts", leadgen.Reason);
    }
}
