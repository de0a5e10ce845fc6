using System.Net;
using System.Text.Json;
using MedAesthetics.Api.Modules.Booking;
using MedAesthetics.Api.Modules.Tasks;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Booking;
using MedAesthetics.IntegrationTests.Crm;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Tasks;

public sealed class TaskAutomationTests(CrmApi api) : IClassFixture<CrmApi>, IAsyncLifetime
{
    private static Guid Id(JsonElement json) => json.GetProperty("id").GetGuid();

    public Task InitializeAsync()
    {
        api.Clock.Reset(ApiFactory.DefaultStart);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<List<StaffTask>> TasksOfLead(Guid leadId) => api.WithDbAsync(db => db.Set<StaffTask>().Where(t => t.LeadId == leadId).OrderBy(t => t.CreatedAt).ToListAsync());
    private Task<List<StaffTask>> TasksOfAppointment(Guid id) => api.WithDbAsync(db => db.Set<StaffTask>().Where(t => t.AppointmentId == id).OrderBy(t => t.CreatedAt).ToListAsync());

    [Fact]
    public async Task A_new_lead_gets_a_call_task_for_its_assignee_due_in_15_minutes()
    {
        var (_, admin) = await api.StaffAsync(UserRole.Admin);
        var clinic = await api.NewClinicAsync(admin);
        var (salesId, _) = await api.StaffAsync(UserRole.Salesperson);
        await api.GrantAsync(admin, salesId, clinic);
        var lead = await api.LeadAsync(new { firstName = "Fresh", email = CrmApi.UniqueEmail(), source = "facebook", clinicId = clinic });

        await api.DrainOutboxAsync();
        await api.DrainOutboxAsync();

        var task = Assert.Single(await TasksOfLead(Id(lead)));
        Assert.Equal(TaskType.Call, task.Type);
        var detail = await (await api.Authorized(admin).GetAsync($"/crm/leads/{Id(lead)}")).ExpectAsync(HttpStatusCode.OK);
        var shown = Assert.Single(detail.GetProperty("tasks").EnumerateArray());
        Assert.Equal(task.Id, shown.GetProperty("id").GetGuid());
        Assert.Equal("call", shown.GetProperty("type").GetString());
        Assert.Equal(salesId, task.AssigneeId);
        Assert.Equal(ApiFactory.DefaultStart + Duration.FromMinutes(15), task.DueAt);
        Assert.Null(task.CreatedBy);
    }

    [Fact]
    public async Task A_lead_left_new_for_24_hours_gets_one_high_priority_follow_up_not_one_per_sweep()
    {
        var lead = await api.LeadAsync(new { firstName = "Quiet", email = CrmApi.UniqueEmail(), source = "google" });
        await api.RunJobAsync<LeadFollowUpJob>();
        Assert.DoesNotContain(await TasksOfLead(Id(lead)), t => t.Type == TaskType.FollowUp);

        api.Clock.Advance(Duration.FromHours(24) + Duration.FromMinutes(15));
        for (var sweep = 0; sweep < 3; sweep++)
        {
            await api.RunJobAsync<LeadFollowUpJob>();
            api.Clock.Advance(Duration.FromMinutes(15));
        }

        var followUp = Assert.Single(await TasksOfLead(Id(lead)), t => t.Type == TaskType.FollowUp);
        Assert.Equal(TaskPriority.High, followUp.Priority);
    }

    [Fact]
    public async Task A_lead_contacted_3_days_ago_without_change_gets_a_follow_up_once()
    {
        var (_, admin) = await api.StaffAsync(UserRole.Admin);
        var lead = await api.LeadAsync(new { firstName = "Stalled", email = CrmApi.UniqueEmail(), source = "google" });
        await (await api.Authorized(admin).PatchJsonAsync($"/crm/leads/{Id(lead)}", new { status = "contacted" })).ExpectAsync(HttpStatusCode.OK);

        api.Clock.Advance(Duration.FromDays(2));
        await api.RunJobAsync<LeadFollowUpJob>();
        Assert.DoesNotContain(await TasksOfLead(Id(lead)), t => t.Type == TaskType.FollowUp);

        api.Clock.Advance(Duration.FromDays(1) + Duration.FromMinutes(1));
        await api.RunJobAsync<LeadFollowUpJob>();
        await api.RunJobAsync<LeadFollowUpJob>();

        Assert.Single(await TasksOfLead(Id(lead)), t => t.Type == TaskType.FollowUp);
    }

    [Fact]
    public async Task A_no_show_gives_the_clinics_secretariat_a_call_and_a_completion_a_satisfaction_call_next_day_at_ten()
    {
        var world = await BookingWorld.CreateAsync(api);
        var (_, client) = await world.NewClientAsync();
        var missed = await world.BookAsync(client, BookingWorld.At(2026, 3, 3, 10));
        var done = await world.BookAsync(client, BookingWorld.At(2026, 3, 3, 14));
        api.Clock.Advance(Duration.FromDays(1) + Duration.FromHours(6));

        await (await api.Authorized(world.SecretaryToken).PatchJsonAsync($"/appointments/{Id(missed)}/no-show", new { })).ExpectAsync(HttpStatusCode.OK);
        await (await api.Authorized(world.DoctorToken).PatchJsonAsync($"/appointments/{Id(done)}/complete", new { })).ExpectAsync(HttpStatusCode.OK);
        await api.DrainOutboxAsync();
        await api.DrainOutboxAsync();

        var call = Assert.Single(await TasksOfAppointment(Id(missed)));
        Assert.Equal(TaskType.Call, call.Type);
        Assert.Equal(world.ClinicId, call.ClinicId);
        var secretaries = await api.WithServiceAsync<Api.Contracts.IClinicDirectory, IReadOnlyList<Guid>>(d => d.StaffAsync(world.ClinicId, UserRole.Secretariat, CancellationToken.None));
        Assert.Contains(call.AssigneeId!.Value, secretaries);

        var satisfaction = Assert.Single(await TasksOfAppointment(Id(done)));
        Assert.Equal(TaskType.FollowUp, satisfaction.Type);
        // Completed on Tuesday 3 March (Athens); the call is Wednesday 4 March at 10:00 local = 08:00Z.
        Assert.Equal(Instant.FromUtc(2026, 3, 4, 8, 0), satisfaction.DueAt);
    }

    [Fact]
    public async Task A_treatment_with_repeatAfterDays_and_no_later_booking_gets_a_rebook_task_and_a_client_reminder()
    {
        var world = await BookingWorld.CreateAsync(api);
        var (clientId, client) = await world.NewClientAsync();
        var (_, other) = await world.NewClientAsync();
        var mine = await world.BookAsync(client, BookingWorld.At(2026, 3, 3, 10));
        var theirs = await world.BookAsync(other, BookingWorld.At(2026, 3, 3, 12));
        api.Clock.Advance(Duration.FromDays(1) + Duration.FromHours(6));
        foreach (var appointment in new[] { mine, theirs })
            await (await api.Authorized(world.DoctorToken).PatchJsonAsync($"/appointments/{Id(appointment)}/complete", new { })).ExpectAsync(HttpStatusCode.OK);
        await api.DrainOutboxAsync();

        // The other client books the same service again before the 150 days are up.
        api.Clock.Advance(Duration.FromDays(100));
        await (await world.StaffBookAsync(await UserIdOf(other), BookingWorld.At(2026, 6, 23, 10))).ExpectAsync(HttpStatusCode.Created);
        api.Clock.Advance(Duration.FromDays(50));
        await api.RunJobAsync<RepeatTreatmentJob>();
        await api.RunJobAsync<RepeatTreatmentJob>();

        var rebook = Assert.Single(await TasksOfAppointment(Id(mine)), t => t.Title.Contains("rebook", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(TaskType.FollowUp, rebook.Type);
        Assert.DoesNotContain(await TasksOfAppointment(Id(theirs)), t => t.Title.Contains("rebook", StringComparison.OrdinalIgnoreCase));
        var reminders = await api.WithDbAsync(db => db.OutboxMessages.FromSqlInterpolated($"SELECT * FROM outbox_messages WHERE type = 'RepeatTreatmentDue' AND payload->>'clientId' = {clientId.ToString()}").CountAsync());
        Assert.Equal(1, reminders);
    }

    private async Task<Guid> UserIdOf(string token) =>
        (await (await api.Authorized(token).GetAsync("/users/me")).ExpectAsync(HttpStatusCode.OK)).GetProperty("id").GetGuid();
}
