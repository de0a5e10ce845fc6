using System.Net;
using System.Text.Json;
using MedAesthetics.Api.Modules.Booking;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Booking;

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
