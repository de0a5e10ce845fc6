using System.Net;
using System.Text.Json;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Booking;
using MedAesthetics.IntegrationTests.Crm;
using MedAesthetics.IntegrationTests.Infrastructure;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Tasks;

public sealed class TaskEndpointTests(CrmApi api) : IClassFixture<CrmApi>
{
    private static Guid Id(JsonElement json) => json.GetProperty("id").GetGuid();
    private static string Iso(Instant i) => BookingWorld.Iso(i);

    [Fact]
    public async Task A_task_is_created_assigned_and_completed_with_completedAt()
    {
        var (meId, me) = await api.StaffAsync(UserRole.Salesperson);
        var (otherId, other) = await api.StaffAsync(UserRole.Salesperson);
        var due = api.Clock.GetCurrentInstant() + Duration.FromHours(3);

        var task = await (await api.Authorized(me).PostJsonAsync("/tasks", new { title = "Send the price list", type = "email", dueAt = Iso(due), priority = "high" }))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(meId, task.GetProperty("assigneeId").GetGuid());
        Assert.Equal(meId.ToString(), task.GetProperty("createdBy").GetString());
        Assert.Equal("open", task.GetProperty("status").GetString());
        Assert.Equal("high", task.GetProperty("priority").GetString());
        foreach (var field in new[] { "id", "title", "type", "status", "priority", "dueAt", "assigneeId", "leadId", "appointmentId", "clientId", "createdBy", "completedAt" })
            Assert.True(task.TryGetProperty(field, out _), $"Task has no {field}");

        var handedOver = await (await api.Authorized(me).PatchJsonAsync($"/tasks/{Id(task)}", new { assigneeId = otherId })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(otherId, handedOver.GetProperty("assigneeId").GetGuid());
        var done = await (await api.Authorized(other).PatchJsonAsync($"/tasks/{Id(task)}", new { status = "done" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("done", done.GetProperty("status").GetString());
        Assert.Equal(Iso(api.Clock.GetCurrentInstant()), done.GetProperty("completedAt").GetString());
        var reopened = await (await api.Authorized(other).PatchJsonAsync($"/tasks/{Id(task)}", new { status = "in_progress" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("completedAt").ValueKind);
    }

    [Fact]
    public async Task Overdue_is_open_or_in_progress_past_the_due_time_by_the_clock()
    {
        var (_, me) = await api.StaffAsync(UserRole.Secretariat);
        var now = api.Clock.GetCurrentInstant();
        var late = await (await api.Authorized(me).PostJsonAsync("/tasks", new { title = "Late", type = "call", dueAt = Iso(now + Duration.FromMinutes(30)) })).ExpectAsync(HttpStatusCode.Created);
        var later = await (await api.Authorized(me).PostJsonAsync("/tasks", new { title = "Later", type = "call", dueAt = Iso(now + Duration.FromHours(5)) })).ExpectAsync(HttpStatusCode.Created);
        var doneLate = await (await api.Authorized(me).PostJsonAsync("/tasks", new { title = "Done", type = "call", dueAt = Iso(now + Duration.FromMinutes(10)) })).ExpectAsync(HttpStatusCode.Created);
        await (await api.Authorized(me).PatchJsonAsync($"/tasks/{Id(doneLate)}", new { status = "done" })).ExpectAsync(HttpStatusCode.OK);
        var clock = new ClockScope(api.Clock);
        clock.Advance(Duration.FromHours(1));

        var overdue = await (await api.Authorized(me).GetAsync("/tasks?overdue=true")).ExpectAsync(HttpStatusCode.OK);
        var notOverdue = await (await api.Authorized(me).GetAsync("/tasks?overdue=false&status=open")).ExpectAsync(HttpStatusCode.OK);
        clock.Restore();

        Assert.Equal([Id(late)], overdue.GetProperty("items").EnumerateArray().Select(Id));
        Assert.True(overdue.GetProperty("items")[0].GetProperty("overdue").GetBoolean());
        Assert.Equal([Id(later)], notOverdue.GetProperty("items").EnumerateArray().Select(Id));
    }

    [Fact]
    public async Task Lists_filter_by_type_status_lead_and_due_time()
    {
        var (_, admin) = await api.StaffAsync(UserRole.Admin);
        var lead = await api.LeadAsync(new { firstName = "Tasked", email = CrmApi.UniqueEmail(), source = "phone" });
        var now = api.Clock.GetCurrentInstant();
        var http = api.Authorized(admin);
        var meeting = await (await http.PostJsonAsync("/tasks", new { title = "Meet", type = "meeting", dueAt = Iso(now + Duration.FromDays(2)), leadId = Id(lead) })).ExpectAsync(HttpStatusCode.Created);
        var email = await (await http.PostJsonAsync("/tasks", new { title = "Mail", type = "email", dueAt = Iso(now + Duration.FromDays(1)), leadId = Id(lead) })).ExpectAsync(HttpStatusCode.Created);

        async Task<List<Guid>> Ids(string q) => (await (await http.GetAsync($"/tasks?leadId={Id(lead)}&{q}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(Id).ToList();
        Assert.Equal([Id(meeting)], await Ids("type=meeting"));
        Assert.Equal([Id(email), Id(meeting)], await Ids("status=open"));
        Assert.Equal([Id(email)], await Ids($"dueBefore={Uri.EscapeDataString(Iso(now + Duration.FromDays(1) + Duration.FromHours(1)))}"));
        await (await http.GetAsync("/tasks?type=chat")).ExpectAsync(HttpStatusCode.BadRequest);
        await (await http.GetAsync("/tasks?dueBefore=soon")).ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Tasks_are_seen_by_their_assignee_the_admin_and_their_clinics_staff_only()
    {
        var world = await BookingWorld.CreateAsync(api);
        var elsewhere = await BookingWorld.CreateAsync(api);
        var (salesId, sales) = await api.StaffAsync(UserRole.Salesperson);
        var (_, stranger) = await api.StaffAsync(UserRole.Salesperson);
        var task = await (await api.Authorized(world.OwnerToken).PostJsonAsync("/tasks", new
        {
            title = "Order filler stock", type = "other", dueAt = Iso(api.Clock.GetCurrentInstant() + Duration.FromDays(1)), assigneeId = salesId, clinicId = world.ClinicId,
        })).ExpectAsync(HttpStatusCode.Created);

        async Task<bool> Sees(string token) =>
            (await (await api.Authorized(token).GetAsync("/tasks?pageSize=100")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Any(t => Id(t) == Id(task));
        Assert.True(await Sees(sales));
        Assert.True(await Sees(world.SecretaryToken));
        Assert.True(await Sees(world.AdminToken));
        Assert.False(await Sees(stranger));
        Assert.False(await Sees(elsewhere.SecretaryToken));
        await (await api.Authorized(stranger).PatchJsonAsync($"/tasks/{Id(task)}", new { status = "done" })).ExpectAsync(HttpStatusCode.NotFound);
        var client = (await api.RegisterAsync()).AccessToken();
        await (await api.Authorized(client).GetAsync("/tasks")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await api.Authorized(elsewhere.OwnerToken).PostJsonAsync("/tasks", new { title = "X", type = "other", dueAt = Iso(api.Clock.GetCurrentInstant()), clinicId = world.ClinicId }))
            .ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bad_tasks_answer_400()
    {
        var (_, me) = await api.StaffAsync(UserRole.Salesperson);
        var client = await api.RegisterAsync();
        var http = api.Authorized(me);
        var due = Iso(api.Clock.GetCurrentInstant());

        await (await http.PostJsonAsync("/tasks", new { title = "", type = "call", dueAt = due })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await http.PostJsonAsync("/tasks", new { title = "x", type = "dance", dueAt = due })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await http.PostJsonAsync("/tasks", new { title = "x", type = "call" })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await http.PostJsonAsync("/tasks", new { title = "x", type = "call", dueAt = due, assigneeId = client.GetProperty("user").GetProperty("id").GetGuid() })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await http.PostJsonAsync("/tasks", new { title = "x", type = "call", dueAt = due, leadId = Guid.NewGuid() })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await http.PatchJsonAsync($"/tasks/{Guid.NewGuid()}", new { status = "done" })).ExpectAsync(HttpStatusCode.NotFound);
    }
}
