using MedAesthetics.Api.Modules.Booking;
using MedAesthetics.Api.Modules.Tasks;
using MedAesthetics.IntegrationTests.Booking;
using MedAesthetics.IntegrationTests.Crm;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Concurrency;

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
