using System.Text.Json;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Modules.Crm;

namespace MedAesthetics.UnitTests.Crm;

public sealed class LeadRulesTests
{
    [Theory]
    [InlineData(LeadStatus.New, LeadStatus.Contacted, true)]
    [InlineData(LeadStatus.Contacted, LeadStatus.Qualified, true)]
    [InlineData(LeadStatus.Qualified, LeadStatus.Booked, true)]
    [InlineData(LeadStatus.Booked, LeadStatus.Converted, true)]
    [InlineData(LeadStatus.New, LeadStatus.Lost, true)]
    [InlineData(LeadStatus.Booked, LeadStatus.Lost, true)]
    [InlineData(LeadStatus.Lost, LeadStatus.Contacted, true)]
    [InlineData(LeadStatus.New, LeadStatus.Qualified, false)]
    [InlineData(LeadStatus.New, LeadStatus.Booked, false)]
    [InlineData(LeadStatus.Converted, LeadStatus.Lost, false)]
    [InlineData(LeadStatus.Lost, LeadStatus.New, false)]
    [InlineData(LeadStatus.Contacted, LeadStatus.New, false)]
    public void Staff_moves_follow_the_pipeline(LeadStatus from, LeadStatus to, bool allowed) =>
        Assert.Equal(allowed, LeadPipeline.Allows(from, to));

    [Theory]
    [InlineData(LeadStatus.New)]
    [InlineData(LeadStatus.Contacted)]
    public void A_booking_moves_an_early_lead_to_booked_but_staff_cannot_skip_there(LeadStatus from)
    {
        Assert.True(LeadPipeline.Allows(from, LeadStatus.Booked, bySystem: true));
        Assert.False(LeadPipeline.Allows(from, LeadStatus.Booked));
    }

    [Theory]
    [InlineData("+30 691 234 5678", "GR", "+306912345678")]
    [InlineData("6912345678", "GR", "+306912345678")]
    [InlineData("0030-691-234-5678", "GR", "+306912345678")]
    [InlineData("(212) 555-0123", "US", "+12125550123")]
    [InlineData("12", "GR", null)]
    [InlineData("not a phone", "GR", null)]
    public void Phones_are_normalised_to_e164_for_the_region(string raw, string region, string? expected) =>
        Assert.Equal(expected, LeadContact.NormalizePhone(raw, region));

    [Fact]
    public void Emails_are_trimmed_and_lower_cased() =>
        Assert.Equal("maria@example.com", LeadContact.NormalizeEmail("  Maria@Example.COM "));

    [Fact]
    public void The_webhook_key_must_match_exactly_and_be_configured()
    {
        Assert.True(LeadWebhooks.KeyMatches("s3cret-key", "s3cret-key"));
        Assert.False(LeadWebhooks.KeyMatches("s3cret-kez", "s3cret-key"));
        Assert.False(LeadWebhooks.KeyMatches("s3cret-key-longer", "s3cret-key"));
        Assert.False(LeadWebhooks.KeyMatches(null, "s3cret-key"));
        Assert.False(LeadWebhooks.KeyMatches("", ""));
        Assert.False(LeadWebhooks.KeyMatches("anything", null));
    }

    [Fact]
    public void A_graph_lead_object_and_a_webhook_envelope_both_yield_their_leads()
    {
        var graph = JsonDocument.Parse("""
            {"id": "111", "platform": "ig", "field_data": [
              {"name": "first_name", "values": ["Anna"]}, {"name": "last_name", "values": ["Pappa"]},
              {"name": "email", "values": ["anna@example.com"]}, {"name": "skin_type", "values": ["dry"]}]}
            """).RootElement;
        var envelope = JsonDocument.Parse("""
            {"object": "page", "entry": [{"changes": [
              {"field": "leadgen", "value": {"leadgen_id": "222", "field_data": [{"name": "full_name", "values": ["Nikos Ioannou"]}, {"name": "phone_number", "values": ["6944123456"]}]}},
              {"field": "leadgen", "value": {"leadgen_id": "333", "field_data": [{"name": "full_name", "values": ["Zoe"]}, {"name": "email", "values": ["zoe@example.com"]}]}}]}]}
            """).RootElement;

        var fromGraph = LeadWebhooks.ToRequest(Assert.Single(LeadWebhooks.ReadFacebook(graph)), null, null);
        var fromEnvelope = LeadWebhooks.ReadFacebook(envelope).Select(l => (l.LeadgenId, Request: LeadWebhooks.ToRequest(l, null, null))).ToList();

        Assert.Equal(("Anna", "Pappa", "anna@example.com", LeadSource.Instagram), (fromGraph.FirstName, fromGraph.LastName, fromGraph.Email, fromGraph.Source));
        Assert.Equal("skin_type: dry", fromGraph.Notes);
        Assert.Equal(["222", "333"], fromEnvelope.Select(l => l.LeadgenId));
        Assert.Equal(("Nikos", "Ioannou", "6944123456", LeadSource.Facebook),
            (fromEnvelope[0].Request.FirstName, fromEnvelope[0].Request.LastName, fromEnvelope[0].Request.Phone, fromEnvelope[0].Request.Source));
        Assert.Null(fromEnvelope[1].Request.LastName);
    }

    [Fact]
    public void Tags_are_lower_cased_trimmed_unique_and_sorted() =>
        Assert.Equal(["botox", "vip"], Lead.Normalize([" VIP", "botox", "vip", " "]));
}
