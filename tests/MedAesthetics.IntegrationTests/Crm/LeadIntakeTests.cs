using System.Net;
using System.Text.Json;
using MedAesthetics.Api.Modules.Crm;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Crm;

public sealed class LeadIntakeTests(CrmApi api) : IClassFixture<CrmApi>
{
    private static Guid Id(JsonElement json) => json.GetProperty("id").GetGuid();
    private static Guid? Ref(JsonElement json, string field) => json.GetProperty(field).ValueKind == JsonValueKind.Null ? null : json.GetProperty(field).GetGuid();

    [Fact]
    public async Task A_webhook_without_the_right_key_is_401_and_stores_nothing()
    {
        var email = CrmApi.UniqueEmail();
        var body = new { firstName = "Ada", email, source = "facebook" };

        await (await api.Webhook("wrong-key").PostJsonAsync("/crm/leads", body)).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await api.Webhook("").PostJsonAsync("/crm/leads", body)).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await api.CreateClient().PostJsonAsync("/crm/leads", body)).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await api.CreateClient().PostJsonAsync("/crm/webhooks/facebook", new { field_data = Array.Empty<object>() })).ExpectAsync(HttpStatusCode.Unauthorized);
        var client = (await api.RegisterAsync()).AccessToken();
        await (await api.Authorized(client).PostJsonAsync("/crm/leads", body)).ExpectAsync(HttpStatusCode.Forbidden);

        Assert.False(await api.WithDbAsync(db => db.Set<Lead>().AnyAsync(l => l.Email == email)));
    }

    [Fact]
    public async Task A_webhook_with_the_key_and_staff_with_a_token_create_new_leads()
    {
        var viaWebhook = await api.LeadAsync(new { firstName = "Ada", lastName = "Lovelace", email = CrmApi.UniqueEmail(), source = "google" });
        var (_, sales) = await api.StaffAsync(UserRole.Salesperson);
        var viaStaff = await (await api.Authorized(sales).PostJsonAsync("/crm/leads", new { firstName = "Bo", phone = CrmApi.UniquePhone(), source = "phone", notes = "called in" }))
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("new", viaWebhook.GetProperty("status").GetString());
        Assert.Equal("google", viaWebhook.GetProperty("source").GetString());
        Assert.Equal("phone", viaStaff.GetProperty("source").GetString());
        foreach (var field in new[] { "id", "firstName", "lastName", "email", "phone", "source", "status", "clinicId", "campaignId", "assignedToId", "duplicateOfId", "tags", "createdAt", "updatedAt" })
            Assert.True(viaWebhook.TryGetProperty(field, out _), $"Lead has no {field}");
    }

    [Fact]
    public async Task A_facebook_lead_ads_payload_becomes_a_lead_once()
    {
        var (_, admin) = await api.StaffAsync(UserRole.Admin);
        var clinicId = await api.NewClinicAsync(admin);
        var leadgenId = Random.Shared.NextInt64(1_000_000_000, 9_000_000_000).ToString();
        var email = CrmApi.UniqueEmail();
        var payload = new
        {
            @object = "page",
            entry = new[]
            {
                new
                {
                    id = "1234", time = 1772438400,
                    changes = new[]
                    {
                        new
                        {
                            field = "leadgen",
                            value = new
                            {
                                leadgen_id = leadgenId, form_id = "555", created_time = 1772438400,
                                field_data = new object[]
                                {
                                    new { name = "full_name", values = new[] { "Eleni Papadaki" } },
                                    new { name = "email", values = new[] { email.ToUpperInvariant() } },
                                    new { name = "phone_number", values = new[] { "6944 123 456" } },
                                    new { name = "which_treatment", values = new[] { "botox" } },
                                },
                            },
                        },
                    },
                },
            },
        };

        var first = await (await api.Webhook().PostJsonAsync($"/crm/webhooks/facebook?clinicId={clinicId}", payload)).ExpectAsync(HttpStatusCode.OK);
        var again = await (await api.Webhook().PostJsonAsync($"/crm/webhooks/facebook?clinicId={clinicId}", payload)).ExpectAsync(HttpStatusCode.OK);

        var lead = Assert.Single(first.GetProperty("leads").EnumerateArray());
        Assert.Equal("Eleni", lead.GetProperty("firstName").GetString());
        Assert.Equal("Papadaki", lead.GetProperty("lastName").GetString());
        Assert.Equal(email, lead.GetProperty("email").GetString());
        Assert.Equal("+306944123456", lead.GetProperty("phone").GetString());
        Assert.Equal("facebook", lead.GetProperty("source").GetString());
        Assert.Equal(clinicId, Ref(lead, "clinicId"));
        Assert.Equal(Id(lead), Id(Assert.Single(again.GetProperty("leads").EnumerateArray())));
        Assert.Equal(1, await api.WithDbAsync(db => db.Set<Lead>().CountAsync(l => l.Email == email)));
    }

    [Fact]
    public async Task The_same_phone_written_three_ways_is_one_person()
    {
        var digits = $"69{Random.Shared.Next(10_000_000, 99_999_999)}";
        var ways = new[] { $"+30 {digits[..3]} {digits[3..6]} {digits[6..]}", digits, $"0030-{digits[..3]}-{digits[3..]}" };

        var leads = new List<JsonElement>();
        foreach (var phone in ways)
            leads.Add(await api.LeadAsync(new { firstName = "Triple", phone, source = "instagram" }));

        Assert.All(leads, l => Assert.Equal($"+30{digits}", l.GetProperty("phone").GetString()));
        Assert.Null(Ref(leads[0], "duplicateOfId"));
        Assert.All(leads.Skip(1), l => Assert.Equal(Id(leads[0]), Ref(l, "duplicateOfId")));
        Assert.All(leads.Skip(1), l => Assert.Contains("duplicate", l.GetProperty("tags").EnumerateArray().Select(t => t.GetString())));
        Assert.All(leads, l => Assert.Equal(Ref(leads[0], "assignedToId"), Ref(l, "assignedToId")));
    }

    [Fact]
    public async Task Emails_are_trimmed_and_lower_cased_and_match_duplicates()
    {
        var email = CrmApi.UniqueEmail();
        var first = await api.LeadAsync(new { firstName = "Case", email = $"  {email.ToUpperInvariant()} ", source = "website" });
        var second = await api.LeadAsync(new { firstName = "Case", email, source = "referral" });

        Assert.Equal(email, first.GetProperty("email").GetString());
        Assert.Equal(Id(first), Ref(second, "duplicateOfId"));
    }

    [Fact]
    public async Task A_lead_older_than_90_days_is_not_a_duplicates_original()
    {
        var email = CrmApi.UniqueEmail();
        await api.LeadAsync(new { firstName = "Old", email, source = "website" });
        var clock = new ClockScope(api.Clock);
        clock.Advance(Duration.FromDays(91));

        var again = await api.LeadAsync(new { firstName = "Old", email, source = "website" });
        clock.Restore();

        Assert.Null(Ref(again, "duplicateOfId"));
    }

    [Fact]
    public async Task Concurrent_intake_of_one_new_person_yields_one_original()
    {
        var email = CrmApi.UniqueEmail();
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => api.Webhook().PostJsonAsync("/crm/leads", new { firstName = "Twin", email, source = "tiktok" })));

        var leads = new List<JsonElement>();
        foreach (var response in responses)
            leads.Add(await response.ExpectAsync(HttpStatusCode.Created));
        var originals = leads.Where(l => Ref(l, "duplicateOfId") is null).ToList();
        var original = Assert.Single(originals);
        Assert.All(leads.Where(l => Id(l) != Id(original)), l => Assert.Equal(Id(original), Ref(l, "duplicateOfId")));
    }

    [Theory]
    [InlineData("""{"firstName":"NoContact","source":"website"}""", "email")]
    [InlineData("""{"firstName":"Bad","email":"not-an-email","source":"website"}""", "email")]
    [InlineData("""{"firstName":"Bad","email":"a@b.test","source":"billboard"}""", null)]
    [InlineData("""{"firstName":"Bad","phone":"12","source":"website"}""", "phone")]
    [InlineData("""{"email":"a@b.test","source":"website"}""", "firstName")]
    public async Task Bad_leads_answer_400_and_store_nothing(string body, string? field)
    {
        var before = await api.WithDbAsync(db => db.Set<Lead>().CountAsync());

        var response = await api.Webhook().PostAsync("/crm/leads", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        if (field is not null)
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await api.WithDbAsync(db => db.Set<Lead>().CountAsync()));
    }

    [Fact]
    public async Task Overlong_names_and_unknown_campaigns_or_clinics_answer_400()
    {
        var before = await api.WithDbAsync(db => db.Set<Lead>().CountAsync());
        var client = api.Webhook();

        await (await client.PostJsonAsync("/crm/leads", new { firstName = new string('x', 5000), email = CrmApi.UniqueEmail(), source = "website" })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/crm/leads", new { firstName = "A", lastName = new string('y', 5000), email = CrmApi.UniqueEmail(), source = "website" })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/crm/leads", new { firstName = "A", email = CrmApi.UniqueEmail(), source = "website", campaignId = Guid.NewGuid() })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/crm/leads", new { firstName = "A", email = CrmApi.UniqueEmail(), source = "website", clinicId = Guid.NewGuid() })).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(before, await api.WithDbAsync(db => db.Set<Lead>().CountAsync()));
    }

    [Fact]
    public async Task Intake_writes_LeadCreated_and_LeadAssigned_events()
    {
        var (salesId, _) = await api.StaffAsync(UserRole.Salesperson);
        var (_, admin) = await api.StaffAsync(UserRole.Admin);
        var clinicId = await api.NewClinicAsync(admin);
        await api.GrantAsync(admin, salesId, clinicId);

        var lead = await api.LeadAsync(new { firstName = "Evented", email = CrmApi.UniqueEmail(), source = "facebook", clinicId });

        Assert.Equal(salesId, Ref(lead, "assignedToId"));
        var types = await api.WithDbAsync(db => db.OutboxMessages.FromSqlInterpolated($"SELECT * FROM outbox_messages WHERE payload->>'leadId' = {Id(lead).ToString()}")
            .Select(m => m.Type).ToListAsync());
        Assert.Equal(["LeadAssigned", "LeadCreated"], types.Order());
    }
}
