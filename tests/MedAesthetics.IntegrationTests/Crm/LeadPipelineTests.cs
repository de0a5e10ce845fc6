using System.Net;
using System.Text.Json;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Outbox;
using MedAesthetics.IntegrationTests.Booking;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace MedAesthetics.IntegrationTests.Crm;

public sealed class LeadPipelineTests(CrmApi api) : IClassFixture<CrmApi>
{
    private static Guid Id(JsonElement json) => json.GetProperty("id").GetGuid();
    private static Guid? Ref(JsonElement json, string field) => json.GetProperty(field).ValueKind == JsonValueKind.Null ? null : json.GetProperty(field).GetGuid();

    private Task<HttpResponseMessage> Move(string token, Guid leadId, string status) =>
        api.Authorized(token).PatchJsonAsync($"/crm/leads/{leadId}", new { status });

    private async Task<(Guid Clinic, string Admin, List<(Guid Id, string Token)> Sales)> ClinicWithSalespeopleAsync(int count)
    {
        var (_, admin) = await api.StaffAsync(UserRole.Admin);
        var clinic = await api.NewClinicAsync(admin);
        var sales = new List<(Guid, string)>();
        for (var i = 0; i < count; i++)
        {
            var person = await api.StaffAsync(UserRole.Salesperson);
            await api.GrantAsync(admin, person.Id, clinic);
            sales.Add(person);
        }
        return (clinic, admin, sales);
    }

    [Fact]
    public async Task Assignment_spreads_30_leads_evenly_over_3_salespeople_even_when_they_arrive_at_once()
    {
        var (clinic, _, sales) = await ClinicWithSalespeopleAsync(3);

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            api.Webhook().PostJsonAsync("/crm/leads", new { firstName = $"Even{i}", email = CrmApi.UniqueEmail(), source = "facebook", clinicId = clinic })));

        var assignees = new List<Guid?>();
        foreach (var response in responses)
            assignees.Add(Ref(await response.ExpectAsync(HttpStatusCode.Created), "assignedToId"));
        Assert.All(sales, s => Assert.Equal(10, assignees.Count(a => a == s.Id)));
    }

    [Fact]
    public async Task Round_robin_prefers_fewest_open_leads_then_the_longest_idle()
    {
        var (clinic, _, sales) = await ClinicWithSalespeopleAsync(2);
        var first = await api.LeadAsync(new { firstName = "One", email = CrmApi.UniqueEmail(), source = "google", clinicId = clinic });
        api.Clock.Advance(Duration.FromMinutes(1));
        var second = await api.LeadAsync(new { firstName = "Two", email = CrmApi.UniqueEmail(), source = "google", clinicId = clinic });
        Assert.NotEqual(Ref(first, "assignedToId"), Ref(second, "assignedToId"));

        // Equal load: the one assigned longest ago gets the next lead.
        api.Clock.Advance(Duration.FromMinutes(1));
        var third = await api.LeadAsync(new { firstName = "Three", email = CrmApi.UniqueEmail(), source = "google", clinicId = clinic });
        Assert.Equal(Ref(first, "assignedToId"), Ref(third, "assignedToId"));

        // The other one closes its lead: fewer open leads wins.
        var secondOwner = sales.Single(s => s.Id == Ref(second, "assignedToId")).Token;
        await (await Move(secondOwner, Id(second), "lost")).ExpectAsync(HttpStatusCode.OK);
        api.Clock.Advance(Duration.FromMinutes(1));
        var fourth = await api.LeadAsync(new { firstName = "Four", email = CrmApi.UniqueEmail(), source = "google", clinicId = clinic });
        Assert.Equal(Ref(second, "assignedToId"), Ref(fourth, "assignedToId"));
    }

    /// <summary>An intake that has chosen its salesperson and not committed yet: a transaction that called choose_salesperson.</summary>
    private async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction, Guid Chosen)> PendingIntakeAsync(params Guid[] candidates)
    {
        var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var choose = new NpgsqlCommand("SELECT choose_salesperson(@candidates)", connection, transaction);
        choose.Parameters.AddWithValue("candidates", candidates);
        return (connection, transaction, (Guid)(await choose.ExecuteScalarAsync())!);
    }

    private Task<HttpResponseMessage> PostLead(Guid clinic, string name) =>
        api.Webhook().PostJsonAsync("/crm/leads", new { firstName = name, email = CrmApi.UniqueEmail(), source = "facebook", clinicId = clinic });

    [Fact]
    public async Task An_intake_takes_another_salesperson_with_as_few_leads_past_one_being_assigned_and_otherwise_waits_for_that_commit()
    {
        var (clinic, _, sales) = await ClinicWithSalespeopleAsync(2);
        // Another intake has chosen one of the two (equal loads, no assignment yet) and not committed.
        var (connection, pending, first) = await PendingIntakeAsync(sales[0].Id, sales[1].Id);
        var second = sales.Single(s => s.Id != first).Id;
        await using (connection)
        {
            // The other one has as few open leads (none): the next intake takes it at once, without waiting.
            var a = await PostLead(clinic, "Free").WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Equal(second, Ref(await a.ExpectAsync(HttpStatusCode.Created), "assignedToId"));

            // Now `second` has one and `first` none: the next intake waits for the pending one's commit, then looks again.
            var b = PostLead(clinic, "Waits");
            await Task.Delay(700);
            Assert.False(b.IsCompleted);
            await pending.RollbackAsync();
            Assert.Equal(first, Ref(await (await b.WaitAsync(TimeSpan.FromSeconds(15))).ExpectAsync(HttpStatusCode.Created), "assignedToId"));
        }
    }

    [Fact]
    public async Task An_uncommitted_change_to_a_salespersons_lead_does_not_hold_up_intake_for_them_and_loads_count_at_commit()
    {
        var (clinic, _, sales) = await ClinicWithSalespeopleAsync(2);
        var lead = await api.LeadAsync(new { firstName = "Held", email = CrmApi.UniqueEmail(), source = "google", clinicId = clinic });
        var owner = Ref(lead, "assignedToId")!.Value;
        var other = sales.Single(s => s.Id != owner).Id;

        // Another transaction closes the owner's lead and has not committed: the load row is not locked until it does.
        await using (var connection = new NpgsqlConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var change = await connection.BeginTransactionAsync();
            await using (var close = new NpgsqlCommand("UPDATE leads SET status = 'lost' WHERE id = @id", connection, change))
            {
                close.Parameters.AddWithValue("id", Id(lead));
                await close.ExecuteNonQueryAsync();
            }
            // 1 open lead against 0: the other salesperson, without waiting for the uncommitted change.
            var next = await PostLead(clinic, "NotHeld").WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Equal(other, Ref(await next.ExpectAsync(HttpStatusCode.Created), "assignedToId"));
            await change.CommitAsync();
        }

        // Committed: the owner's lead is closed (0 open) and the other has 1, so the owner is next.
        var after = await api.LeadAsync(new { firstName = "After", email = CrmApi.UniqueEmail(), source = "google", clinicId = clinic });
        Assert.Equal(owner, Ref(after, "assignedToId"));
    }

    [Fact]
    public async Task A_salesperson_without_access_gets_404_and_never_sees_the_lead_in_lists()
    {
        var (clinic, _, sales) = await ClinicWithSalespeopleAsync(1);
        var (_, outsider) = await api.StaffAsync(UserRole.Salesperson);
        var lead = await api.LeadAsync(new { firstName = "Private", email = CrmApi.UniqueEmail(), source = "website", clinicId = clinic });

        await (await api.Authorized(outsider).GetAsync($"/crm/leads/{Id(lead)}")).ExpectAsync(HttpStatusCode.NotFound);
        await (await Move(outsider, Id(lead), "contacted")).ExpectAsync(HttpStatusCode.NotFound);
        var list = await (await api.Authorized(outsider).GetAsync($"/crm/leads?pageSize=100&q=private")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), l => Id(l) == Id(lead));
        var byClinic = await (await api.Authorized(outsider).GetAsync($"/crm/leads?clinicId={clinic}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, byClinic.GetProperty("total").GetInt32());

        await (await api.Authorized(sales[0].Token).GetAsync($"/crm/leads/{Id(lead)}")).ExpectAsync(HttpStatusCode.OK);
        var client = (await api.RegisterAsync()).AccessToken();
        await (await api.Authorized(client).GetAsync("/crm/leads")).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Clinic_staff_see_their_clinics_leads_only()
    {
        var world = await BookingWorld.CreateAsync(api);
        var other = await BookingWorld.CreateAsync(api);
        var ours = await api.LeadAsync(new { firstName = "Ours", email = CrmApi.UniqueEmail(), source = "walk_in", clinicId = world.ClinicId });
        var theirs = await api.LeadAsync(new { firstName = "Theirs", email = CrmApi.UniqueEmail(), source = "walk_in", clinicId = other.ClinicId });

        var list = await (await api.Authorized(world.SecretaryToken).GetAsync("/crm/leads?pageSize=100")).ExpectAsync(HttpStatusCode.OK);
        var ids = list.GetProperty("items").EnumerateArray().Select(Id).ToList();
        Assert.Contains(Id(ours), ids);
        Assert.DoesNotContain(Id(theirs), ids);
        await (await api.Authorized(world.SecretaryToken).GetAsync($"/crm/leads/{Id(theirs)}")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_pipeline_allows_its_moves_keeps_history_and_refuses_the_rest_with_409()
    {
        var (_, admin) = await api.StaffAsync(UserRole.Admin);
        var lead = await api.LeadAsync(new { firstName = "Flow", email = CrmApi.UniqueEmail(), source = "referral" });
        var id = Id(lead);

        await (await Move(admin, id, "qualified")).ExpectAsync(HttpStatusCode.Conflict);
        await (await Move(admin, id, "converted")).ExpectAsync(HttpStatusCode.Conflict);
        foreach (var step in new[] { "contacted", "qualified", "lost", "contacted", "qualified", "booked", "converted" })
            Assert.Equal(step, (await (await Move(admin, id, step)).ExpectAsync(HttpStatusCode.OK)).GetProperty("status").GetString());
        await (await Move(admin, id, "lost")).ExpectAsync(HttpStatusCode.Conflict);
        await (await Move(admin, id, "new")).ExpectAsync(HttpStatusCode.Conflict);
        await (await Move(admin, id, "sold")).ExpectAsync(HttpStatusCode.BadRequest);

        var detail = await (await api.Authorized(admin).GetAsync($"/crm/leads/{id}")).ExpectAsync(HttpStatusCode.OK);
        var history = detail.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["new", "contacted", "qualified", "lost", "contacted", "qualified", "booked", "converted"], history.Select(h => h.GetProperty("to").GetString()));
        Assert.All(history.Skip(1), h => Assert.False(string.IsNullOrEmpty(h.GetProperty("actorId").GetString())));
        Assert.True(detail.TryGetProperty("tasks", out _));
    }

    [Fact]
    public async Task Reassignment_goes_to_active_salespeople_and_is_not_for_clinic_staff()
    {
        var world = await BookingWorld.CreateAsync(api);
        var (salesId, sales) = await api.StaffAsync(UserRole.Salesperson);
        var (doctorId, _) = await api.StaffAsync(UserRole.Doctor);
        var lead = await api.LeadAsync(new { firstName = "Move", email = CrmApi.UniqueEmail(), source = "website", clinicId = world.ClinicId });

        await (await api.Authorized(world.AdminToken).PatchJsonAsync($"/crm/leads/{Id(lead)}", new { assignedToId = doctorId })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await api.Authorized(world.SecretaryToken).PatchJsonAsync($"/crm/leads/{Id(lead)}", new { assignedToId = salesId })).ExpectAsync(HttpStatusCode.Forbidden);
        var moved = await (await api.Authorized(world.AdminToken).PatchJsonAsync($"/crm/leads/{Id(lead)}", new { assignedToId = salesId, tags = new[] { "VIP", "vip", "botox" }, notes = "prefers mornings" }))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(salesId, Ref(moved, "assignedToId"));
        Assert.Equal(["botox", "vip"], moved.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        await (await api.Authorized(sales).GetAsync($"/crm/leads/{Id(lead)}")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Search_matches_name_email_and_phone_digits_partially_and_case_insensitively()
    {
        var (_, admin) = await api.StaffAsync(UserRole.Admin);
        var marker = $"Zq{Guid.NewGuid():N}"[..10];
        var digits = $"69{Random.Shared.Next(10_000_000, 99_999_999)}";
        var lead = await api.LeadAsync(new { firstName = marker, lastName = "Searchable", email = $"{marker.ToLowerInvariant()}@clinic.test", phone = digits, source = "website" });

        foreach (var q in new[] { marker.ToUpperInvariant()[2..8], "searchAB"[..6], $"{marker.ToLowerInvariant()}@clinic", $"{digits[..3]} {digits[3..6]}", digits[4..] })
        {
            var page = await (await api.Authorized(admin).GetAsync($"/crm/leads?q={Uri.EscapeDataString(q)}&pageSize=100")).ExpectAsync(HttpStatusCode.OK);
            Assert.True(page.GetProperty("items").EnumerateArray().Any(l => Id(l) == Id(lead)), $"q={q} did not find the lead");
        }
        var none = await (await api.Authorized(admin).GetAsync($"/crm/leads?q={marker}xyz")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, none.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Lists_filter_by_status_source_tag_dates_and_sort()
    {
        var (_, admin) = await api.StaffAsync(UserRole.Admin);
        var clinic = await api.NewClinicAsync(admin);
        var a = await api.LeadAsync(new { firstName = "Alpha", email = CrmApi.UniqueEmail(), source = "tiktok", clinicId = clinic, tags = new[] { "summer" } });
        api.Clock.Advance(Duration.FromDays(2));
        var b = await api.LeadAsync(new { firstName = "Beta", email = CrmApi.UniqueEmail(), source = "google", clinicId = clinic });
        await (await Move(admin, Id(b), "contacted")).ExpectAsync(HttpStatusCode.OK);
        var http = api.Authorized(admin);
        async Task<List<Guid>> Ids(string query) =>
            (await (await http.GetAsync($"/crm/leads?clinicId={clinic}&{query}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(Id).ToList();

        Assert.Equal([Id(b)], await Ids("status=contacted"));
        Assert.Equal([Id(a)], await Ids("source=tiktok"));
        Assert.Equal([Id(a)], await Ids("tag=summer"));
        var day = api.Clock.GetCurrentInstant().InUtc().Date;
        Assert.Equal([Id(b)], await Ids($"createdFrom={day:yyyy-MM-dd}"));
        Assert.Equal([Id(a)], await Ids($"createdTo={day.PlusDays(-1):yyyy-MM-dd}"));
        Assert.Equal([Id(a), Id(b)], await Ids("sort=createdAt"));
        Assert.Equal([Id(b), Id(a)], await Ids("sort=-createdAt"));
        Assert.Equal([Id(a), Id(b)], await Ids("sort=firstName"));
        await (await http.GetAsync("/crm/leads?sort=price")).ExpectAsync(HttpStatusCode.BadRequest);
        await (await http.GetAsync("/crm/leads?status=sold")).ExpectAsync(HttpStatusCode.BadRequest);
        await (await http.GetAsync("/crm/leads?pageSize=500")).ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Booking_for_a_leads_email_moves_it_to_booked_and_completing_converts_it()
    {
        var world = await BookingWorld.CreateAsync(api);
        var clientTokens = await api.RegisterAsync();
        var email = clientTokens.GetProperty("user").GetProperty("email").GetString()!;
        var lead = await api.LeadAsync(new { firstName = "Soon", email, source = "facebook", clinicId = world.ClinicId });
        var processor = api.Services.GetRequiredService<OutboxProcessor>();

        var appointment = await world.BookAsync(clientTokens.AccessToken(), BookingWorld.At(2026, 3, 3, 10) + Duration.FromDays(7 * 3));
        await processor.ProcessAllAsync();
        var booked = await (await api.Authorized(world.AdminToken).GetAsync($"/crm/leads/{Id(lead)}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("booked", booked.GetProperty("status").GetString());

        var clock = new ClockScope(api.Clock);
        clock.Advance(Duration.FromDays(40));
        await (await api.Authorized(world.SecretaryToken).PatchJsonAsync($"/appointments/{Id(appointment)}/complete", new { })).ExpectAsync(HttpStatusCode.OK);
        await processor.ProcessAllAsync();
        clock.Restore();

        var converted = await (await api.Authorized(world.AdminToken).GetAsync($"/crm/leads/{Id(lead)}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("converted", converted.GetProperty("status").GetString());
        var last = converted.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(JsonValueKind.Null, last.GetProperty("actorId").ValueKind);
    }

    [Fact]
    public async Task Tags_are_created_by_the_admin_once()
    {
        var (_, admin) = await api.StaffAsync(UserRole.Admin);
        var (_, sales) = await api.StaffAsync(UserRole.Salesperson);
        var name = $"Tag{Guid.NewGuid():N}"[..12];

        var tag = await (await api.Authorized(admin).PostJsonAsync("/admin/tags", new { name, color = "#FF8800" })).ExpectAsync(HttpStatusCode.Created);
        await (await api.Authorized(admin).PostJsonAsync("/admin/tags", new { name = name.ToUpperInvariant() })).ExpectAsync(HttpStatusCode.Conflict);
        await (await api.Authorized(admin).PostJsonAsync("/admin/tags", new { name = "x", color = "orange" })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await api.Authorized(sales).PostJsonAsync("/admin/tags", new { name = "mine" })).ExpectAsync(HttpStatusCode.Forbidden);

        var all = await (await api.Authorized(admin).GetAsync("/admin/tags")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(all.EnumerateArray(), t => t.GetProperty("name").GetString() == name.ToLowerInvariant() && t.GetProperty("color").GetString() == "#FF8800");
        Assert.Equal(name.ToLowerInvariant(), tag.GetProperty("name").GetString());
    }
}
