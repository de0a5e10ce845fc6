using System.Net;
using System.Text;
using System.Text.Json;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Modules.Crm;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Crm;

public sealed class CampaignTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly DateTimeZone Athens = DateTimeZoneProviders.Tzdb["Europe/Athens"];

    private static Guid Id(JsonElement json) => json.GetProperty("id").GetGuid();
    private static bool IsNull(JsonElement json, string field) => json.GetProperty(field).ValueKind == JsonValueKind.Null;

    /// <summary>An instant given as Athens wall-clock time (UTC+2 in February).</summary>
    private static Instant AthensTime(int year, int month, int day, int hour, int minute) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(Athens).ToInstant();

    private async Task<Guid> NewClinicAsync(string adminToken) =>
        Id(await (await api.Authorized(adminToken).PostJsonAsync("/clinics", new { name = $"Campaign clinic {Guid.NewGuid():N}"[..30], timezone = "Europe/Athens" }))
            .ExpectAsync(HttpStatusCode.Created));

    private async Task GrantAsync(string adminToken, Guid salespersonId, Guid clinicId) =>
        await (await api.Authorized(adminToken).PostJsonAsync("/admin/agent-clinic-access", new { agentUserId = salespersonId, clinicId }))
            .ExpectAsync(HttpStatusCode.Created);

    private async Task<JsonElement> CreateAsync(string token, object body) =>
        await (await api.Authorized(token).PostJsonAsync("/crm/campaigns", body)).ExpectAsync(HttpStatusCode.Created);

    private async Task<Guid> CampaignAsync(string token, Guid? clinicId = null, Guid? ownerAgentId = null, string channel = "facebook") =>
        Id(await CreateAsync(token, new { name = $"Spring {Guid.NewGuid():N}"[..20], channel, clinicId, ownerAgentId }));

    private Task<HttpResponseMessage> SpendAsync(string token, Guid campaignId, string spentOn, decimal amount, string currency = "EUR") =>
        api.Authorized(token).PostJsonAsync($"/crm/campaigns/{campaignId}/spend", new { spentOn, amount = new { amount, currency } });

    private async Task<JsonElement> MetricsAsync(string token, Guid campaignId, string query = "") =>
        await (await api.Authorized(token).GetAsync($"/crm/campaigns/{campaignId}/metrics{query}")).ExpectAsync(HttpStatusCode.OK);

    private async Task<List<Guid>> ListedAsync(string token, string query = "")
    {
        var page = await (await api.Authorized(token).GetAsync($"/crm/campaigns?pageSize=100{query}")).ExpectAsync(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().Select(Id).ToList();
    }

    private Task<int> CampaignCountAsync() => api.WithDbAsync(db => db.Set<Campaign>().CountAsync());
    private Task<int> SpendCountAsync() => api.WithDbAsync(db => db.Set<SpendLog>().CountAsync());

    /// <summary>Walks a lead along the pipeline to the status, one step a minute after it was created.</summary>
    private static Lead LeadOf(Guid campaignId, Instant createdAt, LeadStatus status = LeadStatus.New)
    {
        var lead = Lead.Create(new NewLead("Metric", null, $"lead-{Guid.NewGuid():N}@example.test", null, LeadSource.Facebook, null, campaignId, null, null, null, null), createdAt);
        var path = new[] { LeadStatus.Contacted, LeadStatus.Qualified, LeadStatus.Booked, LeadStatus.Converted };
        var at = createdAt;
        foreach (var step in status == LeadStatus.New ? [] : path.Take(Array.IndexOf(path, status) + 1))
        {
            at += Duration.FromMinutes(1);
            Assert.Null(lead.MoveTo(step, at));
        }
        return lead;
    }

    private static LeadAppointment Completed(Lead lead, decimal amountPaid)
    {
        var appointment = LeadAppointment.Link(lead.Id, Guid.NewGuid(), "EUR");
        appointment.Complete(amountPaid, lead.CreatedAt + Duration.FromDays(1));
        return appointment;
    }

    [Fact]
    public async Task Admin_creates_a_campaign_for_a_salesperson_and_clinic_with_budget_and_dates()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var (salesId, _) = await api.SignedInAsync(UserRole.Salesperson);
        var clinic = await NewClinicAsync(admin);

        var response = await api.Authorized(admin).PostJsonAsync("/crm/campaigns", new
        {
            name = "  Botox spring  ", channel = "instagram", clinicId = clinic, ownerAgentId = salesId,
            startsOn = "2026-03-01", endsOn = "2026-05-31", budget = new { amount = 1500.50m, currency = "EUR" },
        });

        var created = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"/crm/campaigns/{Id(created)}", response.Headers.Location?.OriginalString);
        Assert.Equal("Botox spring", created.GetProperty("name").GetString());
        Assert.Equal("instagram", created.GetProperty("channel").GetString());
        Assert.Equal(clinic, created.GetProperty("clinicId").GetGuid());
        Assert.Equal(salesId, created.GetProperty("ownerAgentId").GetGuid());
        Assert.Equal("2026-03-01", created.GetProperty("startsOn").GetString());
        Assert.Equal("2026-05-31", created.GetProperty("endsOn").GetString());
        Assert.Equal(1500.50m, created.GetProperty("budget").GetProperty("amount").GetDecimal());
        Assert.Equal("EUR", created.GetProperty("budget").GetProperty("currency").GetString());
        Assert.Equal("2026-03-02T08:00:00Z", created.GetProperty("createdAt").GetString());

        var read = await (await api.Authorized(admin).GetAsync($"/crm/campaigns/{Id(created)}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(created.GetRawText(), read.GetRawText());
    }

    [Fact]
    public async Task A_campaign_without_budget_or_dates_answers_nulls()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);

        var created = await CreateAsync(admin, new { name = "Bare", channel = "other" });

        foreach (var field in new[] { "clinicId", "ownerAgentId", "startsOn", "endsOn", "budget" })
            Assert.True(IsNull(created, field), $"{field} should be null");
    }

    [Fact]
    public async Task A_salesperson_owns_the_campaigns_it_creates_and_cannot_name_another_owner()
    {
        var (salesId, sales) = await api.SignedInAsync(UserRole.Salesperson);
        var (otherId, _) = await api.SignedInAsync(UserRole.Salesperson);

        var own = await CreateAsync(sales, new { name = "Mine", channel = "tiktok" });
        Assert.Equal(salesId, own.GetProperty("ownerAgentId").GetGuid());
        var explicitSelf = await CreateAsync(sales, new { name = "Also mine", channel = "tiktok", ownerAgentId = salesId });
        Assert.Equal(salesId, explicitSelf.GetProperty("ownerAgentId").GetGuid());

        var before = await CampaignCountAsync();
        await (await api.Authorized(sales).PostJsonAsync("/crm/campaigns", new { name = "Theirs", channel = "tiktok", ownerAgentId = otherId }))
            .ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await CampaignCountAsync());
    }

    [Fact]
    public async Task A_salesperson_creates_campaigns_only_for_clinics_it_has_access_to()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var (salesId, sales) = await api.SignedInAsync(UserRole.Salesperson);
        var granted = await NewClinicAsync(admin);
        var foreign = await NewClinicAsync(admin);
        await GrantAsync(admin, salesId, granted);

        var created = await CreateAsync(sales, new { name = "Granted clinic", channel = "google", clinicId = granted });
        Assert.Equal(granted, created.GetProperty("clinicId").GetGuid());

        var before = await CampaignCountAsync();
        await (await api.Authorized(sales).PostJsonAsync("/crm/campaigns", new { name = "Foreign", channel = "google", clinicId = foreign }))
            .ExpectAsync(HttpStatusCode.Forbidden);
        await (await api.Authorized(sales).PostJsonAsync("/crm/campaigns", new { name = "Nowhere", channel = "google", clinicId = Guid.NewGuid() }))
            .ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await CampaignCountAsync());
    }

    [Fact]
    public async Task Admin_may_name_only_a_salesperson_as_owner_and_only_an_existing_clinic()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var (doctorId, _) = await api.SignedInAsync(UserRole.Doctor);
        var before = await CampaignCountAsync();

        var doctorOwner = await (await api.Authorized(admin).PostJsonAsync("/crm/campaigns", new { name = "X", channel = "google", ownerAgentId = doctorId }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(doctorOwner.GetProperty("errors").TryGetProperty("ownerAgentId", out _));
        await (await api.Authorized(admin).PostJsonAsync("/crm/campaigns", new { name = "X", channel = "google", ownerAgentId = Guid.NewGuid() }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        await (await api.Authorized(admin).PostJsonAsync("/crm/campaigns", new { name = "X", channel = "google", clinicId = Guid.NewGuid() }))
            .ExpectAsync(HttpStatusCode.NotFound);

        Assert.Equal(before, await CampaignCountAsync());
    }

    [Fact]
    public async Task Only_admin_and_salespeople_reach_campaigns()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var campaign = await CampaignAsync(admin);
        var body = new { name = "Nope", channel = "google" };

        foreach (var role in new[] { UserRole.Doctor, UserRole.Secretariat, UserRole.ClinicOwner, UserRole.Client })
        {
            var (_, token) = await api.SignedInAsync(role);
            await (await api.Authorized(token).PostJsonAsync("/crm/campaigns", body)).ExpectAsync(HttpStatusCode.Forbidden);
            await (await api.Authorized(token).GetAsync("/crm/campaigns")).ExpectAsync(HttpStatusCode.Forbidden);
            await (await api.Authorized(token).GetAsync($"/crm/campaigns/{campaign}/metrics")).ExpectAsync(HttpStatusCode.Forbidden);
            await (await SpendAsync(token, campaign, "2026-03-01", 10m)).ExpectAsync(HttpStatusCode.Forbidden);
        }
        await (await api.CreateClient().PostJsonAsync("/crm/campaigns", body)).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await api.CreateClient().GetAsync("/crm/campaigns")).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    public static TheoryData<string> InvalidCampaigns() => new()
    {
        """{"name": "Bad channel", "channel": "snapchat"}""",
        """{"name": "No channel"}""",
        """{"name": "", "channel": "google"}""",
        """{"name": "   ", "channel": "google"}""",
        $$"""{"name": "{{new string('n', 201)}}", "channel": "google"}""",
        """{"name": "Backwards", "channel": "google", "startsOn": "2026-05-01", "endsOn": "2026-04-30"}""",
        """{"name": "Bad date", "channel": "google", "startsOn": "2026-13-01"}""",
        """{"name": "Not a date", "channel": "google", "endsOn": "01/05/2026"}""",
        """{"name": "Negative", "channel": "google", "budget": {"amount": -1, "currency": "EUR"}}""",
        """{"name": "Fractions", "channel": "google", "budget": {"amount": 10.005, "currency": "EUR"}}""",
        """{"name": "Currency", "channel": "google", "budget": {"amount": 10, "currency": "euro"}}""",
    };

    [Theory]
    [MemberData(nameof(InvalidCampaigns))]
    public async Task Invalid_campaigns_answer_400_and_store_nothing(string body)
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var before = await CampaignCountAsync();

        var response = await api.Authorized(admin).PostAsync("/crm/campaigns", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await CampaignCountAsync());
    }

    [Fact]
    public async Task A_salesperson_lists_its_own_its_clinics_and_unowned_clinicless_campaigns_never_another_salespersons()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var (salesId, sales) = await api.SignedInAsync(UserRole.Salesperson);
        var (otherId, other) = await api.SignedInAsync(UserRole.Salesperson);
        var granted = await NewClinicAsync(admin);
        var foreign = await NewClinicAsync(admin);
        await GrantAsync(admin, salesId, granted);
        await GrantAsync(admin, otherId, foreign);

        var own = await CampaignAsync(sales);
        var ownAtGranted = await CampaignAsync(sales, granted);
        var colleagueAtGranted = await CampaignAsync(admin, granted, otherId);
        var unowned = await CampaignAsync(admin);
        var othersWithoutClinic = await CampaignAsync(other);
        var othersAtForeign = await CampaignAsync(other, foreign);
        var unownedAtForeign = await CampaignAsync(admin, foreign);

        var seen = await ListedAsync(sales);
        Assert.Contains(own, seen);
        Assert.Contains(ownAtGranted, seen);
        Assert.Contains(colleagueAtGranted, seen);
        Assert.Contains(unowned, seen);
        Assert.DoesNotContain(othersWithoutClinic, seen);
        Assert.DoesNotContain(othersAtForeign, seen);
        Assert.DoesNotContain(unownedAtForeign, seen);
        Assert.Empty(await ListedAsync(sales, $"&clinicId={foreign}"));
        await (await api.Authorized(sales).GetAsync($"/crm/campaigns/{othersWithoutClinic}")).ExpectAsync(HttpStatusCode.NotFound);

        var all = await ListedAsync(admin);
        Assert.All(new[] { own, ownAtGranted, colleagueAtGranted, unowned, othersWithoutClinic, othersAtForeign, unownedAtForeign }, id => Assert.Contains(id, all));
    }

    [Fact]
    public async Task The_list_is_paged_and_filters_by_channel_and_clinic()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var clinic = await NewClinicAsync(admin);
        var google = await CampaignAsync(admin, clinic, channel: "google");
        var tiktok = await CampaignAsync(admin, clinic, channel: "tiktok");
        var latestGoogle = await CampaignAsync(admin, clinic, channel: "google");

        var byClinic = await (await api.Authorized(admin).GetAsync($"/crm/campaigns?clinicId={clinic}&pageSize=2")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, byClinic.GetProperty("total").GetInt32());
        Assert.Equal(1, byClinic.GetProperty("page").GetInt32());
        Assert.Equal(2, byClinic.GetProperty("pageSize").GetInt32());
        Assert.Equal(2, byClinic.GetProperty("items").GetArrayLength());

        var googleOnly = await ListedAsync(admin, $"&clinicId={clinic}&channel=google");
        Assert.Equal(new[] { google, latestGoogle }.Order(), googleOnly.Order());
        Assert.DoesNotContain(tiktok, googleOnly);

        await (await api.Authorized(admin).GetAsync("/crm/campaigns?channel=snapchat")).ExpectAsync(HttpStatusCode.BadRequest);
        await (await api.Authorized(admin).GetAsync("/crm/campaigns?pageSize=101")).ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Spend_is_logged_per_day_in_the_campaigns_currency_and_logs_of_one_day_add_up()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var campaign = Id(await CreateAsync(admin, new { name = "Spend", channel = "google", budget = new { amount = 500m, currency = "EUR" } }));

        var first = await SpendAsync(admin, campaign, "2026-02-10", 40.25m);
        var log = await first.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(campaign, log.GetProperty("campaignId").GetGuid());
        Assert.Equal("2026-02-10", log.GetProperty("spentOn").GetString());
        Assert.Equal(40.25m, log.GetProperty("amount").GetProperty("amount").GetDecimal());
        Assert.Equal("EUR", log.GetProperty("amount").GetProperty("currency").GetString());
        Assert.NotEqual(Guid.Empty, Id(log));
        await (await SpendAsync(admin, campaign, "2026-02-10", 9.75m)).ExpectAsync(HttpStatusCode.Created);

        var metrics = await MetricsAsync(admin, campaign, "?from=2026-02-10&to=2026-02-10");
        Assert.Equal(50.00m, metrics.GetProperty("spend").GetDecimal());
        var logs = await (await api.Authorized(admin).GetAsync($"/crm/campaigns/{campaign}/spend")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, logs.GetProperty("total").GetInt32());
    }

    public static TheoryData<string> InvalidSpends() => new()
    {
        """{"spentOn": "2026-02-10", "amount": {"amount": 10, "currency": "USD"}}""",
        """{"spentOn": "2026-02-10", "amount": {"amount": -0.01, "currency": "EUR"}}""",
        """{"spentOn": "2026-02-10", "amount": {"amount": 10.001, "currency": "EUR"}}""",
        """{"spentOn": "2026-02-30", "amount": {"amount": 10, "currency": "EUR"}}""",
        """{"spentOn": "10/02/2026", "amount": {"amount": 10, "currency": "EUR"}}""",
        """{"amount": {"amount": 10, "currency": "EUR"}}""",
        """{"spentOn": "2026-02-10"}""",
    };

    [Theory]
    [MemberData(nameof(InvalidSpends))]
    public async Task Invalid_spend_answers_400_and_stores_nothing(string body)
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var campaign = await CampaignAsync(admin);
        var before = await SpendCountAsync();

        var response = await api.Authorized(admin).PostAsync($"/crm/campaigns/{campaign}/spend", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await SpendCountAsync());
    }

    [Fact]
    public async Task Another_salespersons_campaign_answers_404_to_spend_and_metrics_and_takes_no_spend()
    {
        var (_, sales) = await api.SignedInAsync(UserRole.Salesperson);
        var (_, other) = await api.SignedInAsync(UserRole.Salesperson);
        var theirs = await CampaignAsync(other);
        var before = await SpendCountAsync();

        await (await SpendAsync(sales, theirs, "2026-02-10", 10m)).ExpectAsync(HttpStatusCode.NotFound);
        await (await api.Authorized(sales).GetAsync($"/crm/campaigns/{theirs}/metrics")).ExpectAsync(HttpStatusCode.NotFound);
        await (await SpendAsync(sales, Guid.NewGuid(), "2026-02-10", 10m)).ExpectAsync(HttpStatusCode.NotFound);
        await (await api.Authorized(sales).GetAsync($"/crm/campaigns/{Guid.NewGuid()}/metrics")).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await SpendCountAsync());

        await (await SpendAsync(other, theirs, "2026-02-10", 10m)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(10m, (await MetricsAsync(other, theirs, "?from=2026-02-01&to=2026-02-28")).GetProperty("spend").GetDecimal());
    }

    [Fact]
    public async Task A_salesperson_with_access_to_the_clinic_logs_spend_and_reads_metrics_of_a_colleagues_campaign()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var (salesId, sales) = await api.SignedInAsync(UserRole.Salesperson);
        var (otherId, _) = await api.SignedInAsync(UserRole.Salesperson);
        var clinic = await NewClinicAsync(admin);
        await GrantAsync(admin, salesId, clinic);
        var campaign = await CampaignAsync(admin, clinic, otherId);

        await (await SpendAsync(sales, campaign, "2026-02-10", 12m)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(12m, (await MetricsAsync(sales, campaign, "?from=2026-02-10&to=2026-02-10")).GetProperty("spend").GetDecimal());
    }

    /// <summary>
    /// Spend 100.00 + 50.50 (same day) + 149.60 = 300.10 in February, with 77.00 on 31 January and 999.00 on 5 March outside.
    /// Counted leads (Athens time): 1 Feb 00:30, 5 Feb, 6 Feb, 15 Feb converted (paid 300 + 50), 20 Feb contacted (a completed
    /// appointment, not converted: no revenue), 28 Feb 23:30 converted (paid 120). Not counted: a converted duplicate, a converted
    /// lead at 1 Mar 00:30 Athens (still 28 Feb in UTC), a soft-deleted converted lead, another campaign's lead.
    /// </summary>
    private async Task<(Guid Campaign, string Admin)> FebruaryCampaignAsync()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var campaign = await CampaignAsync(admin);
        var elsewhere = await CampaignAsync(admin);
        foreach (var (day, amount) in new[] { ("2026-02-10", 100.00m), ("2026-02-10", 50.50m), ("2026-02-20", 149.60m), ("2026-01-31", 77.00m), ("2026-03-05", 999.00m) })
            await (await SpendAsync(admin, campaign, day, amount)).ExpectAsync(HttpStatusCode.Created);

        var firstMinute = LeadOf(campaign, AthensTime(2026, 2, 1, 0, 30));
        var plainA = LeadOf(campaign, AthensTime(2026, 2, 5, 12, 0));
        var plainB = LeadOf(campaign, AthensTime(2026, 2, 6, 12, 0));
        var converted = LeadOf(campaign, AthensTime(2026, 2, 15, 10, 0), LeadStatus.Converted);
        var contacted = LeadOf(campaign, AthensTime(2026, 2, 20, 10, 0), LeadStatus.Contacted);
        var lastMinute = LeadOf(campaign, AthensTime(2026, 2, 28, 23, 30), LeadStatus.Converted);
        var duplicate = LeadOf(campaign, AthensTime(2026, 2, 16, 10, 0), LeadStatus.Converted);
        duplicate.MarkDuplicateOf(converted.Id);
        var march = LeadOf(campaign, AthensTime(2026, 3, 1, 0, 30), LeadStatus.Converted);
        var deleted = LeadOf(campaign, AthensTime(2026, 2, 17, 10, 0), LeadStatus.Converted);
        var otherCampaigns = LeadOf(elsewhere, AthensTime(2026, 2, 18, 10, 0), LeadStatus.Converted);
        var pending = LeadAppointment.Link(converted.Id, Guid.NewGuid(), "EUR");

        await api.WithDbAsync(async db =>
        {
            db.Set<Lead>().AddRange(firstMinute, plainA, plainB, converted, contacted, lastMinute, duplicate, march, deleted, otherCampaigns);
            db.Set<LeadAppointment>().AddRange(
                Completed(converted, 300.00m), Completed(converted, 50.00m), pending, Completed(contacted, 80.00m), Completed(lastMinute, 120.00m),
                Completed(duplicate, 1000.00m), Completed(march, 500.00m), Completed(deleted, 700.00m), Completed(otherCampaigns, 400.00m));
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE leads SET deleted_at = now() WHERE id = {deleted.Id}");
        });
        return (campaign, admin);
    }

    [Fact]
    public async Task Metrics_match_the_hand_computed_figures_for_the_range()
    {
        var (campaign, admin) = await FebruaryCampaignAsync();

        var metrics = await MetricsAsync(admin, campaign, "?from=2026-02-01&to=2026-02-28");

        Assert.Equal("2026-02-01", metrics.GetProperty("from").GetString());
        Assert.Equal("2026-02-28", metrics.GetProperty("to").GetString());
        Assert.Equal("300.10", metrics.GetProperty("spend").GetRawText());
        Assert.Equal(6, metrics.GetProperty("leads").GetInt32());
        Assert.Equal(2, metrics.GetProperty("convertedLeads").GetInt32());
        Assert.Equal("470.00", metrics.GetProperty("revenue").GetRawText());
        Assert.Equal(50.02m, metrics.GetProperty("costPerLead").GetDecimal());
        Assert.Equal(0.3333m, metrics.GetProperty("conversionRate").GetDecimal());
        Assert.Equal(1.5661m, metrics.GetProperty("roas").GetDecimal());
    }

    [Fact]
    public async Task Lead_days_are_counted_in_the_platform_timezone_not_utc()
    {
        var (campaign, admin) = await FebruaryCampaignAsync();

        // 1 Feb 00:30 Athens is 31 Jan in UTC; 1 Mar 00:30 Athens is 28 Feb in UTC.
        Assert.Equal(1, (await MetricsAsync(admin, campaign, "?from=2026-02-01&to=2026-02-01")).GetProperty("leads").GetInt32());
        Assert.Equal(0, (await MetricsAsync(admin, campaign, "?from=2026-01-31&to=2026-01-31")).GetProperty("leads").GetInt32());
        var lastDay = await MetricsAsync(admin, campaign, "?from=2026-02-28&to=2026-02-28");
        Assert.Equal(1, lastDay.GetProperty("leads").GetInt32());
        Assert.Equal(120.00m, lastDay.GetProperty("revenue").GetDecimal());
        Assert.Equal(1, (await MetricsAsync(admin, campaign, "?from=2026-03-01&to=2026-03-01")).GetProperty("leads").GetInt32());
    }

    [Fact]
    public async Task Metrics_default_to_the_last_30_days_up_to_today()
    {
        var (campaign, admin) = await FebruaryCampaignAsync();

        var metrics = await MetricsAsync(admin, campaign);

        // The clock reads 2026-03-02 10:00 in Athens: 30 days are 1 Feb to 2 Mar, leaving out the 77.00 of 31 Jan and the 999.00 of 5 Mar
        // and taking in the lead of 1 Mar.
        Assert.Equal("2026-02-01", metrics.GetProperty("from").GetString());
        Assert.Equal("2026-03-02", metrics.GetProperty("to").GetString());
        Assert.Equal(300.10m, metrics.GetProperty("spend").GetDecimal());
        Assert.Equal(7, metrics.GetProperty("leads").GetInt32());
        Assert.Equal(3, metrics.GetProperty("convertedLeads").GetInt32());
        Assert.Equal(970.00m, metrics.GetProperty("revenue").GetDecimal());
    }

    [Fact]
    public async Task A_range_outside_everything_gives_zeros_and_null_ratios()
    {
        var (campaign, admin) = await FebruaryCampaignAsync();

        var metrics = await MetricsAsync(admin, campaign, "?from=2020-01-01&to=2020-12-31");

        Assert.Equal(0m, metrics.GetProperty("spend").GetDecimal());
        Assert.Equal(0, metrics.GetProperty("leads").GetInt32());
        Assert.Equal(0, metrics.GetProperty("convertedLeads").GetInt32());
        Assert.Equal(0m, metrics.GetProperty("revenue").GetDecimal());
        Assert.True(IsNull(metrics, "costPerLead"));
        Assert.True(IsNull(metrics, "conversionRate"));
        Assert.True(IsNull(metrics, "roas"));
    }

    [Fact]
    public async Task Without_spend_cost_per_lead_is_zero_and_roas_is_null()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var campaign = await CampaignAsync(admin);
        var converted = LeadOf(campaign, AthensTime(2026, 2, 10, 9, 0), LeadStatus.Converted);
        await api.WithDbAsync(async db =>
        {
            db.Set<Lead>().AddRange(LeadOf(campaign, AthensTime(2026, 2, 11, 9, 0)), LeadOf(campaign, AthensTime(2026, 2, 12, 9, 0)), converted);
            db.Set<LeadAppointment>().Add(Completed(converted, 90.00m));
            await db.SaveChangesAsync();
        });

        var metrics = await MetricsAsync(admin, campaign, "?from=2026-02-01&to=2026-02-28");

        Assert.Equal(0m, metrics.GetProperty("spend").GetDecimal());
        Assert.Equal(3, metrics.GetProperty("leads").GetInt32());
        Assert.Equal(1, metrics.GetProperty("convertedLeads").GetInt32());
        Assert.Equal("0.00", metrics.GetProperty("costPerLead").GetRawText());
        Assert.Equal(0.3333m, metrics.GetProperty("conversionRate").GetDecimal());
        Assert.Equal(90.00m, metrics.GetProperty("revenue").GetDecimal());
        Assert.True(IsNull(metrics, "roas"));
    }

    [Fact]
    public async Task Without_leads_cost_per_lead_and_conversion_rate_are_null()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var campaign = await CampaignAsync(admin);
        await (await SpendAsync(admin, campaign, "2026-02-10", 25m)).ExpectAsync(HttpStatusCode.Created);

        var metrics = await MetricsAsync(admin, campaign, "?from=2026-02-01&to=2026-02-28");

        Assert.Equal(25m, metrics.GetProperty("spend").GetDecimal());
        Assert.Equal(0, metrics.GetProperty("leads").GetInt32());
        Assert.True(IsNull(metrics, "costPerLead"));
        Assert.True(IsNull(metrics, "conversionRate"));
        Assert.Equal(0m, metrics.GetProperty("roas").GetDecimal());
    }

    [Theory]
    [InlineData("?from=2026-02-28&to=2026-02-01")]
    [InlineData("?from=2026-04-01")]
    [InlineData("?from=2023-03-01&to=2026-03-02")]
    [InlineData("?from=2026-02-30&to=2026-03-01")]
    [InlineData("?from=01/02/2026")]
    [InlineData("?to=tomorrow")]
    [InlineData("?to=9999-12-31")]
    public async Task Bad_metric_ranges_answer_400(string query)
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var campaign = await CampaignAsync(admin);

        await (await api.Authorized(admin).GetAsync($"/crm/campaigns/{campaign}/metrics{query}")).ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_range_of_exactly_three_years_is_accepted()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var campaign = await CampaignAsync(admin);

        var metrics = await MetricsAsync(admin, campaign, "?from=2023-03-02&to=2026-03-02");

        Assert.Equal("2023-03-02", metrics.GetProperty("from").GetString());
    }
}
