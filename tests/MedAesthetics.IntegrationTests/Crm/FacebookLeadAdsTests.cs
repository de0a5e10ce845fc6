using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Modules.Crm;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MedAesthetics.IntegrationTests.Crm;

/// <summary>The API configured for Facebook Lead Ads, with WireMock.Net standing in for the Graph API.</summary>
public class FacebookApi : ApiFactory
{
    public const string AppSecret = "fb-app-secret-for-tests";
    public const string VerifyToken = "fb-verify-token-for-tests";
    public const string PageToken = "fb-page-token-for-tests";
    public const string Version = "v21.0";

    public WireMockServer Graph { get; } = WireMockServer.Start();

    public FacebookApi() : this(PageToken) { }

    protected FacebookApi(string? pageToken)
    {
        With("LEAD_WEBHOOK_KEY", CrmApi.WebhookKey);
        With("FACEBOOK_APP_SECRET", AppSecret);
        With("FACEBOOK_VERIFY_TOKEN", VerifyToken);
        With("FACEBOOK_PAGE_ACCESS_TOKEN", pageToken);
        With("FACEBOOK_GRAPH_URL", Graph.Url);
        With("FACEBOOK_GRAPH_VERSION", Version);
    }

    protected override ValueTask DisposeExtrasAsync()
    {
        Graph.Stop();
        Graph.Dispose();
        return ValueTask.CompletedTask;
    }

    public static string Signature(byte[] body, string secret = AppSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>POSTs the JSON exactly as serialised, with X-Hub-Signature-256 over those bytes (or the header given, or none).</summary>
    public async Task<HttpResponseMessage> DeliverAsync(object payload, string query = "", string? signature = "sign")
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/crm/webhooks/facebook{query}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (signature is not null)
            request.Headers.Add("X-Hub-Signature-256", signature == "sign" ? Signature(body) : signature);
        return await CreateClient().SendAsync(request);
    }

    /// <summary>Facebook's documented leadgen delivery: ids only.</summary>
    public static object IdsOnly(string leadgenId, string formId = "5550001", string adId = "6660001") => new
    {
        @object = "page",
        entry = new[]
        {
            new
            {
                id = "1029384756", time = 1772438400,
                changes = new[]
                {
                    new { field = "leadgen", value = new { leadgen_id = leadgenId, page_id = "1029384756", form_id = formId, ad_id = adId, adgroup_id = adId, created_time = 1772438400 } },
                },
            },
        },
    };

    /// <summary>The Graph API's answer for a lead.</summary>
    public static string GraphLead(string leadgenId, string email, string phone, string formId = "5550001", string adId = "6660001") => JsonSerializer.Serialize(new
    {
        id = leadgenId,
        created_time = "2026-03-02T07:59:00+0000",
        ad_id = adId,
        form_id = formId,
        campaign_id = "2384000000",
        platform = "fb",
        field_data = new object[]
        {
            new { name = "full_name", values = new[] { "Katerina Nikolaou" } },
            new { name = "email", values = new[] { email } },
            new { name = "phone_number", values = new[] { phone } },
            new { name = "preferred_treatment", values = new[] { "fillers" } },
        },
    });

    public void GraphAnswers(string leadgenId, int status, string body) =>
        Graph.Given(Request.Create().WithPath($"/{Version}/{leadgenId}").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    public int GraphCalls(string leadgenId) => Graph.LogEntries.Count(e => e.RequestMessage.Path == $"/{Version}/{leadgenId}");

    public Task<FacebookLeadgen?> LeadgenAsync(string leadgenId) =>
        WithDbAsync(db => db.Set<FacebookLeadgen>().AsNoTracking().SingleOrDefaultAsync(l => l.LeadgenId == leadgenId));

    public Task<Lead?> LeadFromAsync(string leadgenId) =>
        WithDbAsync(db => db.Set<Lead>().AsNoTracking().SingleOrDefaultAsync(l => l.ExternalId == leadgenId));

    /// <summary>Hands the recorded leadgens to the job, as the outbox and Hangfire would, and runs the job's sweep.</summary>
    public async Task<int> FetchLeadgensAsync()
    {
        await DrainOutboxAsync();
        return await RunJobAsync<FacebookLeadgenJob>();
    }

    public static string NewId() => Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString();
}

public sealed class FacebookApiWithoutPageToken() : FacebookApi(null);

public sealed class FacebookLeadAdsTests(FacebookApi api) : IClassFixture<FacebookApi>
{
    [Fact]
    public async Task The_subscription_handshake_echoes_the_challenge_only_for_the_verify_token()
    {
        var client = api.CreateClient();
        var ok = await client.GetAsync($"/crm/webhooks/facebook?hub.mode=subscribe&hub.verify_token={FacebookApi.VerifyToken}&hub.challenge=1158201444");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("text/plain", ok.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync());

        foreach (var query in new[]
                 {
                     "hub.mode=subscribe&hub.verify_token=wrong-token&hub.challenge=1158201444",
                     $"hub.mode=unsubscribe&hub.verify_token={FacebookApi.VerifyToken}&hub.challenge=1158201444",
                     "hub.challenge=1158201444",
                 })
        {
            var refused = await client.GetAsync($"/crm/webhooks/facebook?{query}");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_signed_ids_only_delivery_is_acknowledged_then_fetched_from_the_graph_api_and_taken_in_with_its_campaign()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var clinic = await (await api.Authorized(admin).PostJsonAsync("/clinics", new { name = $"FB {Guid.NewGuid():N}"[..20], timezone = "Europe/Athens", countryCode = "GR" }))
            .ExpectAsync(HttpStatusCode.Created);
        var clinicId = clinic.GetProperty("id").GetGuid();
        var formId = FacebookApi.NewId();
        var campaign = await (await api.Authorized(admin).PostJsonAsync("/crm/campaigns", new { name = "Spring fillers", channel = "facebook", clinicId, facebookFormIds = new[] { formId } }))
            .ExpectAsync(HttpStatusCode.Created);
        var campaignId = campaign.GetProperty("id").GetGuid();
        Assert.Equal(formId, Assert.Single(campaign.GetProperty("facebookFormIds").EnumerateArray()).GetString());

        var leadgenId = FacebookApi.NewId();
        var email = Http.UniqueEmail("fb");
        api.GraphAnswers(leadgenId, 200, FacebookApi.GraphLead(leadgenId, email.ToUpperInvariant(), "6944 555 121", formId, adId: FacebookApi.NewId()));

        var ack = await (await api.DeliverAsync(FacebookApi.IdsOnly(leadgenId, formId))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(leadgenId, Assert.Single(ack.GetProperty("queued").EnumerateArray()).GetString());
        Assert.Empty(ack.GetProperty("leads").EnumerateArray());
        Assert.Equal(0, api.GraphCalls(leadgenId));   // acknowledged without waiting for Facebook
        Assert.Equal(LeadgenStatus.Pending, (await api.LeadgenAsync(leadgenId))!.Status);

        Assert.True(await api.FetchLeadgensAsync() >= 1);

        var lead = await api.LeadFromAsync(leadgenId);
        Assert.NotNull(lead);
        Assert.Equal(("Katerina", "Nikolaou"), (lead.FirstName, lead.LastName));
        Assert.Equal(email, lead.Email);
        Assert.Equal("+306944555121", lead.Phone);
        Assert.Equal(LeadSource.Facebook, lead.Source);
        Assert.Equal(campaignId, lead.CampaignId);
        Assert.Equal(clinicId, lead.ClinicId);
        Assert.Contains("preferred_treatment: fillers", lead.Notes);
        var leadgen = (await api.LeadgenAsync(leadgenId))!;
        Assert.Equal((LeadgenStatus.TakenIn, lead.Id), (leadgen.Status, leadgen.LeadId));

        var call = Assert.Single(api.Graph.LogEntries, e => e.RequestMessage.Path == $"/{FacebookApi.Version}/{leadgenId}").RequestMessage;
        Assert.Equal($"Bearer {FacebookApi.PageToken}", call.Headers!["Authorization"].Single());
        Assert.Contains("field_data", call.Query!["fields"]);   // WireMock splits the comma-separated list
        var created = await api.WithDbAsync(db => db.OutboxMessages.Where(m => m.Type == nameof(LeadCreated)).Select(m => m.Payload).ToListAsync());
        Assert.Single(created, payload => payload.Contains(lead.Id.ToString()));
    }

    [Fact]
    public async Task A_bad_or_missing_signature_is_refused_with_403_and_records_nothing()
    {
        var leadgenId = FacebookApi.NewId();
        var bad = await api.DeliverAsync(FacebookApi.IdsOnly(leadgenId), signature: FacebookApi.Signature("{}"u8.ToArray()));
        var missing = await api.DeliverAsync(FacebookApi.IdsOnly(leadgenId), signature: null);
        var otherSecret = await api.DeliverAsync(FacebookApi.IdsOnly(leadgenId),
            signature: FacebookApi.Signature(JsonSerializer.SerializeToUtf8Bytes(FacebookApi.IdsOnly(leadgenId)), "not-the-app-secret"));

        foreach (var response in new[] { bad, missing, otherSecret })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Null(await api.LeadgenAsync(leadgenId));
    }

    [Fact]
    public async Task Another_sender_with_the_webhook_key_needs_no_signature()
    {
        var leadgenId = FacebookApi.NewId();
        var response = await api.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Post, "/crm/webhooks/facebook")
        {
            Content = System.Net.Http.Json.JsonContent.Create(FacebookApi.IdsOnly(leadgenId)),
            Headers = { { "X-Webhook-Key", CrmApi.WebhookKey } },
        });
        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.NotNull(await api.LeadgenAsync(leadgenId));
    }

    [Fact]
    public async Task A_redelivered_leadgen_adds_no_record_no_fetch_and_no_lead()
    {
        var leadgenId = FacebookApi.NewId();
        api.GraphAnswers(leadgenId, 200, FacebookApi.GraphLead(leadgenId, Http.UniqueEmail("fb"), CrmApi.UniquePhone()));

        await (await api.DeliverAsync(FacebookApi.IdsOnly(leadgenId))).ExpectAsync(HttpStatusCode.OK);
        await (await api.DeliverAsync(FacebookApi.IdsOnly(leadgenId))).ExpectAsync(HttpStatusCode.OK);
        await api.FetchLeadgensAsync();
        await (await api.DeliverAsync(FacebookApi.IdsOnly(leadgenId))).ExpectAsync(HttpStatusCode.OK);
        await api.FetchLeadgensAsync();

        Assert.Equal(1, await api.WithDbAsync(db => db.Set<FacebookLeadgen>().CountAsync(l => l.LeadgenId == leadgenId)));
        Assert.Equal(1, await api.WithDbAsync(db => db.Set<Lead>().CountAsync(l => l.ExternalId == leadgenId)));
        Assert.Equal(1, api.GraphCalls(leadgenId));
    }

    [Fact]
    public async Task A_graph_api_500_is_retried_within_the_fetch_and_the_lead_still_arrives()
    {
        var leadgenId = FacebookApi.NewId();
        var path = $"/{FacebookApi.Version}/{leadgenId}";
        api.Graph.Given(Request.Create().WithPath(path).UsingGet()).InScenario(leadgenId).WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("""{"error":{"message":"An unexpected error has occurred.","code":2}}"""));
        api.Graph.Given(Request.Create().WithPath(path).UsingGet()).InScenario(leadgenId).WhenStateIs("recovered")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(FacebookApi.GraphLead(leadgenId, Http.UniqueEmail("fb"), CrmApi.UniquePhone())));

        await (await api.DeliverAsync(FacebookApi.IdsOnly(leadgenId))).ExpectAsync(HttpStatusCode.OK);
        await api.FetchLeadgensAsync();

        Assert.Equal(2, api.GraphCalls(leadgenId));
        Assert.NotNull(await api.LeadFromAsync(leadgenId));
        Assert.Equal(LeadgenStatus.TakenIn, (await api.LeadgenAsync(leadgenId))!.Status);
    }

    [Fact]
    public async Task A_graph_api_that_keeps_failing_is_tried_again_by_the_job_after_a_wait()
    {
        var leadgenId = FacebookApi.NewId();
        var path = $"/{FacebookApi.Version}/{leadgenId}";
        api.Graph.Given(Request.Create().WithPath(path).UsingGet()).AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("""{"error":{"message":"Service temporarily unavailable","code":2}}"""));

        await (await api.DeliverAsync(FacebookApi.IdsOnly(leadgenId))).ExpectAsync(HttpStatusCode.OK);
        await api.FetchLeadgensAsync();
        var waiting = (await api.LeadgenAsync(leadgenId))!;
        Assert.Equal((LeadgenStatus.Pending, 1), (waiting.Status, waiting.Attempts));
        Assert.Contains("503", waiting.Reason);
        Assert.Equal(3, api.GraphCalls(leadgenId));   // the first try and two retries within the call
        Assert.True(waiting.NextAttemptAt > api.Clock.GetCurrentInstant());
        await api.RunJobAsync<FacebookLeadgenJob>();
        Assert.Equal(3, api.GraphCalls(leadgenId));   // not before its time

        api.Graph.Given(Request.Create().WithPath(path).UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(FacebookApi.GraphLead(leadgenId, Http.UniqueEmail("fb"), CrmApi.UniquePhone())));
        api.Clock.Advance(Duration.FromMinutes(2));
        await api.RunJobAsync<FacebookLeadgenJob>();

        var done = (await api.LeadgenAsync(leadgenId))!;
        Assert.Equal((LeadgenStatus.TakenIn, 2), (done.Status, done.Attempts));
        Assert.NotNull(await api.LeadFromAsync(leadgenId));
    }

    [Fact]
    public async Task A_huge_graph_answer_is_not_read_whole_and_takes_nothing_in()
    {
        var leadgenId = FacebookApi.NewId();
        api.GraphAnswers(leadgenId, 200, $$"""{"id":"{{leadgenId}}","padding":"{{new string('x', 4 * 1024 * 1024)}}"}""");

        await (await api.DeliverAsync(FacebookApi.IdsOnly(leadgenId))).ExpectAsync(HttpStatusCode.OK);
        await api.FetchLeadgensAsync();

        var leadgen = (await api.LeadgenAsync(leadgenId))!;
        Assert.Contains("larger than", leadgen.Reason);
        Assert.Null(await api.LeadFromAsync(leadgenId));
    }

    [Fact]
    public async Task A_signed_field_data_delivery_is_taken_in_at_once_and_attributed_by_its_ad()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var adId = FacebookApi.NewId();
        var campaign = await (await api.Authorized(admin).PostJsonAsync("/crm/campaigns", new { name = "Botox week", channel = "facebook" }))
            .ExpectAsync(HttpStatusCode.Created);
        var campaignId = campaign.GetProperty("id").GetGuid();
        var patched = await (await api.Authorized(admin).PatchJsonAsync($"/crm/campaigns/{campaignId}", new { facebookAdIds = new[] { adId } }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(adId, Assert.Single(patched.GetProperty("facebookAdIds").EnumerateArray()).GetString());

        var leadgenId = FacebookApi.NewId();
        var email = Http.UniqueEmail("fb");
        var payload = new
        {
            @object = "page",
            entry = new[]
            {
                new
                {
                    id = "1029384756", time = 1772438400,
                    changes = new[]
                    {
                        new
                        {
                            field = "leadgen",
                            value = new
                            {
                                leadgen_id = leadgenId, ad_id = adId, form_id = FacebookApi.NewId(),
                                field_data = new object[]
                                {
                                    new { name = "first_name", values = new[] { "Ioanna" } },
                                    new { name = "email", values = new[] { email } },
                                },
                            },
                        },
                    },
                },
            },
        };

        var answer = await (await api.DeliverAsync(payload)).ExpectAsync(HttpStatusCode.OK);

        var lead = Assert.Single(answer.GetProperty("leads").EnumerateArray());
        Assert.Equal("Ioanna", lead.GetProperty("firstName").GetString());
        Assert.Equal(campaignId, lead.GetProperty("campaignId").GetGuid());
        Assert.Empty(answer.GetProperty("queued").EnumerateArray());
        Assert.Null(await api.LeadgenAsync(leadgenId));
        Assert.Equal(0, api.GraphCalls(leadgenId));
    }

    [Fact]
    public async Task A_salesperson_changes_only_campaigns_it_owns()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var (_, sales) = await api.SignedInAsync(UserRole.Salesperson);
        var unowned = await (await api.Authorized(admin).PostJsonAsync("/crm/campaigns", new { name = "House campaign", channel = "facebook" }))
            .ExpectAsync(HttpStatusCode.Created);
        var own = await (await api.Authorized(sales).PostJsonAsync("/crm/campaigns", new { name = "My campaign", channel = "facebook" }))
            .ExpectAsync(HttpStatusCode.Created);

        await (await api.Authorized(sales).PatchJsonAsync($"/crm/campaigns/{unowned.GetProperty("id").GetGuid()}", new { facebookFormIds = new[] { "123" } }))
            .ExpectAsync(HttpStatusCode.Forbidden);
        await (await api.Authorized(sales).PatchJsonAsync($"/crm/campaigns/{own.GetProperty("id").GetGuid()}", new { facebookFormIds = new[] { "12a" } }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        var renamed = await (await api.Authorized(sales).PatchJsonAsync($"/crm/campaigns/{own.GetProperty("id").GetGuid()}", new { name = "Renamed" }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Renamed", renamed.GetProperty("name").GetString());
        Assert.Empty(renamed.GetProperty("facebookFormIds").EnumerateArray());
    }
}

public sealed class FacebookLeadAdsWithoutPageTokenTests(FacebookApiWithoutPageToken api) : IClassFixture<FacebookApiWithoutPageToken>
{
    [Fact]
    public async Task Without_a_page_token_a_leadgen_is_skipped_visibly_with_the_reason()
    {
        var leadgenId = FacebookApi.NewId();
        await (await api.DeliverAsync(FacebookApi.IdsOnly(leadgenId))).ExpectAsync(HttpStatusCode.OK);
        await api.FetchLeadgensAsync();

        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var page = await (await api.Authorized(admin).GetAsync("/crm/webhooks/facebook/leadgens?status=skipped")).ExpectAsync(HttpStatusCode.OK);
        var skipped = Assert.Single(page.GetProperty("items").EnumerateArray(), l => l.GetProperty("leadgenId").GetString() == leadgenId);
        Assert.Contains("FACEBOOK_PAGE_ACCESS_TOKEN", skipped.GetProperty("reason").GetString());
        Assert.Equal(0, api.GraphCalls(leadgenId));
        Assert.Null(await api.LeadFromAsync(leadgenId));
    }
}
