using System.Net;
using System.Text.Json;
using MedAesthetics.Api.Modules.Booking;
using MedAesthetics.Api.Modules.Tasks;
using MedAesthetics.IntegrationTests.Booking;
using MedAesthetics.IntegrationTests.Crm;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Tasks;

public sealed class ReminderTests(BookingApi api) : IClassFixture<BookingApi>, IAsyncLifetime
{
    private BookingWorld _world = null!;
    private static Guid Id(JsonElement json) => json.GetProperty("id").GetGuid();

    public async Task InitializeAsync()
    {
        api.Clock.Reset(ApiFactory.DefaultStart);
        _world = await BookingWorld.CreateAsync(api);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<List<int>> SentReminders(Guid appointmentId) => api.WithDbAsync(db => db.OutboxMessages
        .FromSqlInterpolated($"SELECT * FROM outbox_messages WHERE type = 'AppointmentReminderDue' AND payload->'appointment'->>'appointmentId' = {appointmentId.ToString()}")
        .Select(m => m.Payload).ToListAsync())
        .ContinueWith(t => t.Result.Select(p => JsonDocument.Parse(p).RootElement.GetProperty("hoursBefore").GetInt32()).Order().ToList());

    private async Task At(Instant instant)
    {
        api.Clock.Reset(instant);
        await api.RunJobAsync<SendRemindersJob>();
    }

    [Fact]
    public async Task A_reminder_fires_24_hours_and_2_hours_before_and_only_once()
    {
        var (_, client) = await _world.NewClientAsync();
        var start = BookingWorld.At(2026, 3, 6, 10);
        var appointment = await _world.BookAsync(client, start);

        await At(start - Duration.FromHours(24) - Duration.FromMinutes(1));
        Assert.Empty(await SentReminders(Id(appointment)));
        await At(start - Duration.FromHours(24));
        Assert.Equal([24], await SentReminders(Id(appointment)));
        await At(start - Duration.FromHours(23));
        Assert.Equal([24], await SentReminders(Id(appointment)));
        await At(start - Duration.FromHours(2));
        await At(start - Duration.FromHours(1));
        Assert.Equal([2, 24], await SentReminders(Id(appointment)));
    }

    [Fact]
    public async Task No_reminder_fires_for_a_cancelled_appointment()
    {
        var (_, client) = await _world.NewClientAsync();
        var start = BookingWorld.At(2026, 3, 7, 10);
        var appointment = await _world.BookAsync(client, start);
        await (await api.Authorized(client).PatchJsonAsync($"/appointments/{Id(appointment)}/cancel", new { })).ExpectAsync(HttpStatusCode.OK);

        await At(start - Duration.FromHours(1));

        Assert.Empty(await SentReminders(Id(appointment)));
        Assert.Equal(0, await api.WithDbAsync(db => db.Set<AppointmentReminder>().CountAsync(r => r.AppointmentId == Id(appointment))));
    }

    [Fact]
    public async Task A_rescheduled_appointments_reminder_moves_with_it()
    {
        var (_, client) = await _world.NewClientAsync();
        var first = BookingWorld.At(2026, 3, 5, 10);
        var moved = BookingWorld.At(2026, 3, 9, 15);
        var appointment = await _world.BookAsync(client, first);
        await (await api.Authorized(client).PatchJsonAsync($"/appointments/{Id(appointment)}/reschedule", new { start = BookingWorld.Iso(moved) })).ExpectAsync(HttpStatusCode.OK);

        await At(first - Duration.FromHours(1));
        Assert.Empty(await SentReminders(Id(appointment)));
        await At(moved - Duration.FromHours(24));

        Assert.Equal([24], await SentReminders(Id(appointment)));
    }

    [Fact]
    public async Task A_booking_made_less_than_24_hours_ahead_gets_only_the_2_hour_reminder()
    {
        var (_, client) = await _world.NewClientAsync();
        var start = BookingWorld.At(2026, 3, 2, 15);

        var appointment = await _world.BookAsync(client, start);

        var planned = await api.WithDbAsync(db => db.Set<AppointmentReminder>().Where(r => r.AppointmentId == Id(appointment)).Select(r => r.HoursBefore).ToListAsync());
        Assert.Equal([2], planned);
    }
}

/// <summary>Two application instances over one database, each with its own jobs and dispatcher: each effect happens once.</summary>
public sealed class TwoNodeTests : IAsyncLifetime
{
    private readonly CrmApi _first = new();
    private CrmApi _second = null!;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_first).InitializeAsync();
        _second = new CrmApi();
        _second.OnDatabaseOf(_first);
        _first.CreateClient();
        _second.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await ((IAsyncLifetime)_first).DisposeAsync();
    }

    private void SetBoth(Instant instant)
    {
        _first.Clock.Reset(instant);
        _second.Clock.Reset(instant);
    }

    [Fact]
    public async Task A_reminder_is_produced_once_and_a_follow_up_task_created_once_with_two_nodes()
    {
        var world = await BookingWorld.CreateAsync(_first);
        var (_, client) = await world.NewClientAsync();
        var start = BookingWorld.At(2026, 3, 6, 10);
        var appointment = await world.BookAsync(client, start);
        var lead = await _first.LeadAsync(new { firstName = "Twice", email = CrmApi.UniqueEmail(), source = "website" });

        SetBoth(start - Duration.FromHours(23));
        for (var round = 0; round < 3; round++)
            await Task.WhenAll(
                Task.Run(() => _first.RunJobAsync<SendRemindersJob>()), Task.Run(() => _second.RunJobAsync<SendRemindersJob>()),
                Task.Run(() => _first.RunJobAsync<LeadFollowUpJob>()), Task.Run(() => _second.RunJobAsync<LeadFollowUpJob>()),
                Task.Run(() => _first.DrainOutboxAsync()), Task.Run(() => _second.DrainOutboxAsync()));

        var appointmentId = appointment.GetProperty("id").GetGuid();
        var leadId = lead.GetProperty("id").GetGuid();
        var reminders = await _first.WithDbAsync(db => db.OutboxMessages
            .FromSqlInterpolated($"SELECT * FROM outbox_messages WHERE type = 'AppointmentReminderDue' AND payload->'appointment'->>'appointmentId' = {appointmentId.ToString()}").CountAsync());
        Assert.Equal(1, reminders);
        var followUps = await _second.WithDbAsync(db => db.Set<StaffTask>().CountAsync(t => t.LeadId == leadId && t.Type == TaskType.FollowUp));
        Assert.Equal(1, followUps);
        var calls = await _second.WithDbAsync(db => db.Set<StaffTask>().CountAsync(t => t.LeadId == leadId && t.Type == TaskType.Call));
        Assert.Equal(1, calls);
    }
}
