using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Audit;
using MedAesthetics.IntegrationTests.Booking;
using MedAesthetics.IntegrationTests.Infrastructure;

namespace MedAesthetics.IntegrationTests.Admin;

/// <summary>
/// A seeded clinic: three appointments (one completed for 100.00, one confirmed, one cancelled), three leads (facebook x2,
/// one of them contacted and from a campaign that spent 50.00; instagram x1), and a lead and an appointment of another
/// clinic that a report for this clinic must leave out.
/// </summary>
public sealed class ReportTests(AuditApi api) : IClassFixture<AuditApi>
{
    private const string Period = "from=2026-02-01&to=2026-03-31";

    private Guid _salespersonId;

    private async Task<(BookingWorld World, BookingWorld Other)> SeedAsync()
    {
        var world = await BookingWorld.CreateAsync(api);
        var other = await BookingWorld.CreateAsync(api);
        var (clientId, client) = await world.NewClientAsync();
        var walkIn = await (await world.StaffBookAsync(clientId, BookingWorld.At(2026, 2, 26, 11))).ExpectAsync(HttpStatusCode.Created);
        await (await api.Authorized(world.SecretaryToken).PatchJsonAsync($"/appointments/{walkIn.GetProperty("id").GetGuid()}/complete",
            new { amountPaid = new { amount = 100.00m, currency = "EUR" } })).ExpectAsync(HttpStatusCode.OK);
        await world.BookAsync(client, BookingWorld.At(2026, 3, 5, 11));
        var cancelled = await world.BookAsync(client, BookingWorld.At(2026, 3, 6, 11));
        await (await api.Authorized(client).PatchJsonAsync($"/appointments/{cancelled.GetProperty("id").GetGuid()}/cancel", new { })).ExpectAsync(HttpStatusCode.OK);
        var (otherClientId, _) = await other.NewClientAsync();
        await (await other.StaffBookAsync(otherClientId, BookingWorld.At(2026, 3, 5, 11))).ExpectAsync(HttpStatusCode.Created);

        var admin = api.Authorized(world.AdminToken);
        (_salespersonId, _) = await api.SignedInAsync(UserRole.Salesperson);
        await (await admin.PostJsonAsync("/admin/agent-clinic-access", new { agentUserId = _salespersonId, clinicId = world.ClinicId })).ExpectAsync(HttpStatusCode.Created);
        var campaign = await (await admin.PostJsonAsync("/crm/campaigns", new { name = "Spring laser", channel = "facebook", clinicId = world.ClinicId }))
            .ExpectAsync(HttpStatusCode.Created);
        var campaignId = campaign.GetProperty("id").GetGuid();
        await (await admin.PostJsonAsync($"/crm/campaigns/{campaignId}/spend", new { spentOn = "2026-03-01", amount = new { amount = 50.00m, currency = "EUR" } }))
            .ExpectAsync(HttpStatusCode.Created);
        var webhook = api.CreateClient();
        webhook.DefaultRequestHeaders.Add("X-Webhook-Key", AuditApi.WebhookKey);
        async Task<Guid> Lead(string source, Guid clinicId, Guid? campaign = null) =>
            (await (await webhook.PostJsonAsync("/crm/leads", new { firstName = "Report", email = Http.UniqueEmail("lead"), source, clinicId, campaignId = campaign }))
                .ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var contacted = await Lead("facebook", world.ClinicId, campaignId);
        await Lead("facebook", world.ClinicId);
        await Lead("instagram", world.ClinicId);
        await Lead("google", other.ClinicId);
        await (await admin.PatchJsonAsync($"/crm/leads/{contacted}", new { status = "contacted" })).ExpectAsync(HttpStatusCode.OK);
        return (world, other);
    }

    [Fact]
    public async Task Report_figures_equal_hand_computed_totals_and_the_csv_says_the_same()
    {
        var (world, _) = await SeedAsync();
        var report = await (await api.Authorized(world.AdminToken).GetAsync($"/admin/reports?{Period}&clinicId={world.ClinicId}")).ExpectAsync(HttpStatusCode.OK);

        var leads = report.GetProperty("leads");
        Assert.Equal(3, leads.GetProperty("total").GetInt64());
        Assert.Equal(2, leads.GetProperty("bySource").GetProperty("facebook").GetInt64());
        Assert.Equal(1, leads.GetProperty("bySource").GetProperty("instagram").GetInt64());
        Assert.Equal(0, leads.GetProperty("bySource").GetProperty("google").GetInt64());
        Assert.Equal(2, leads.GetProperty("byStatus").GetProperty("new").GetInt64());
        Assert.Equal(1, leads.GetProperty("byStatus").GetProperty("contacted").GetInt64());
        Assert.Equal(0m, leads.GetProperty("conversionRate").GetDecimal());

        var appointments = report.GetProperty("appointments");
        Assert.Equal(3, appointments.GetProperty("total").GetInt64());
        Assert.Equal(1, appointments.GetProperty("byStatus").GetProperty("completed").GetInt64());
        Assert.Equal(1, appointments.GetProperty("byStatus").GetProperty("confirmed").GetInt64());
        Assert.Equal(1, appointments.GetProperty("byStatus").GetProperty("cancelled").GetInt64());
        Assert.Equal(100.00m, appointments.GetProperty("revenue").GetDecimal());

        Assert.Equal(0, report.GetProperty("loyalty").GetProperty("issued").GetInt64());
        var campaign = Assert.Single(report.GetProperty("campaigns").EnumerateArray());
        Assert.Equal(50.00m, campaign.GetProperty("spend").GetDecimal());
        Assert.Equal(1, campaign.GetProperty("leads").GetInt64());
        Assert.Equal(50.00m, campaign.GetProperty("costPerLead").GetDecimal());
        var salesperson = Assert.Single(report.GetProperty("salespeople").EnumerateArray());
        Assert.Equal(_salespersonId, salesperson.GetProperty("salespersonId").GetGuid());
        Assert.Equal(3, salesperson.GetProperty("leadsHandled").GetInt64());
        Assert.Equal(0, salesperson.GetProperty("converted").GetInt64());

        // Without the clinic filter the other clinic's lead and appointment count too.
        var everything = await (await api.Authorized(world.AdminToken).GetAsync($"/admin/reports?{Period}")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(everything.GetProperty("leads").GetProperty("total").GetInt64() >= 4);
        Assert.True(everything.GetProperty("appointments").GetProperty("total").GetInt64() >= 4);

        var csv = await (await api.Authorized(world.AdminToken).GetAsync($"/admin/reports?{Period}&clinicId={world.ClinicId}&format=csv")).Content.ReadAsStringAsync();
        Assert.Equal(Flatten(report, "").Prepend(("metric", "value")).ToList(), ParseCsv(csv));

        var byAccept = api.Authorized(world.AdminToken);
        byAccept.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await byAccept.GetAsync($"/admin/reports?{Period}&clinicId={world.ClinicId}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(csv, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_clinic_owner_gets_its_clinics_report_only()
    {
        var world = await BookingWorld.CreateAsync(api);
        var other = await BookingWorld.CreateAsync(api);
        var owner = api.Authorized(world.OwnerToken);
        await (await owner.GetAsync($"/admin/reports?clinicId={world.ClinicId}")).ExpectAsync(HttpStatusCode.OK);
        await (await owner.GetAsync($"/admin/reports?clinicId={other.ClinicId}")).ExpectAsync(HttpStatusCode.NotFound);
        await (await owner.GetAsync($"/admin/reports?clinicId={Guid.NewGuid()}")).ExpectAsync(HttpStatusCode.NotFound);
        await (await owner.GetAsync("/admin/reports")).ExpectAsync(HttpStatusCode.BadRequest);
        var (_, doctor) = await api.SignedInAsync(UserRole.Doctor);
        await (await api.Authorized(doctor).GetAsync($"/admin/reports?clinicId={world.ClinicId}")).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("from=2026-13-01")]
    [InlineData("from=2026-03-10&to=2026-03-01")]
    [InlineData("from=2020-01-01&to=2026-01-01")]
    [InlineData("format=xml")]
    public async Task Bad_report_parameters_are_400(string query)
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        await (await api.Authorized(admin).GetAsync($"/admin/reports?{query}")).ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_period_defaults_to_the_last_30_days_in_the_platform_timezone()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var report = await (await api.Authorized(admin).GetAsync("/admin/reports")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("2026-03-02", report.GetProperty("to").GetString());
        Assert.Equal("2026-02-01", report.GetProperty("from").GetString());
        Assert.Equal("Europe/Athens", report.GetProperty("timezone").GetString());
    }

    private static IEnumerable<(string, string)> Flatten(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Flatten(p.Value, path.Length == 0 ? p.Name : $"{path}.{p.Name}")),
        JsonValueKind.Array => element.EnumerateArray().SelectMany((e, i) => Flatten(e, $"{path}[{i}]")),
        JsonValueKind.String => [(path, element.GetString()!)],
        JsonValueKind.Null => [(path, "")],
        _ => [(path, element.GetRawText())],
    };

    private static List<(string, string)> ParseCsv(string csv) =>
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r').Split(',')).Select(f => (f[0], f[1])).ToList();
}
