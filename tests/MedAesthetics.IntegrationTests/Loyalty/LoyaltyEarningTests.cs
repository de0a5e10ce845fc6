using System.Net;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Modules.Loyalty;
using MedAesthetics.Api.Platform.Outbox;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Loyalty;

public sealed class LoyaltyEarningTests(LoyaltyApi api) : IClassFixture<LoyaltyApi>, IAsyncLifetime
{
    private LoyaltyWorld _world = null!;

    public async Task InitializeAsync()
    {
        api.Clock.Reset(ApiFactory.DefaultStart);
        _world = await LoyaltyWorld.CreateAsync(api);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The events of a type the outbox holds, in the order they were raised.</summary>
    private Task<List<T>> EventsAsync<T>() => api.WithDbAsync(async db =>
        (await db.OutboxMessages.AsNoTracking().Where(m => m.Type == typeof(T).Name).OrderBy(m => m.OccurredAt).ThenBy(m => m.Id).ToListAsync())
        .Select(m => System.Text.Json.JsonSerializer.Deserialize<T>(m.Payload, MedAesthetics.Api.Platform.Http.ApiJson.Options)!).ToList());

    private async Task<List<LoyaltyTierChanged>> TierEventsAsync(Guid clientId) => (await EventsAsync<LoyaltyTierChanged>()).Where(e => e.ClientId == clientId).ToList();

    private async Task<List<LoyaltyPointsExpiring>> NoticesAsync(Guid clientId) => (await EventsAsync<LoyaltyPointsExpiring>()).Where(e => e.ClientId == clientId).ToList();

    [Fact]
    public async Task Completing_an_appointment_earns_one_point_per_whole_euro_paid_in_a_lot_valid_12_months()
    {
        var (clientId, token) = await _world.NewClientAsync();
        var appointmentId = await _world.CompleteAppointmentAsync(clientId, 123.99m);

        var account = await _world.AccountAsync(token, clientId);
        Assert.Equal(123, account.GetProperty("balance").GetInt64());
        Assert.Equal(123, account.GetProperty("lifetimePoints").GetInt64());
        Assert.Equal("bronze", account.GetProperty("tier").GetString());
        Assert.Equal("silver", account.GetProperty("nextTier").GetString());
        Assert.Equal(377, account.GetProperty("pointsToNextTier").GetInt64());
        Assert.Empty(account.GetProperty("expiringPoints").EnumerateArray());
        Assert.Matches("^[A-Z2-9]{8}$", account.GetProperty("referralCode").GetString());

        var history = await (await api.Authorized(token).GetAsync($"/loyalty/{clientId}/history")).ExpectAsync(HttpStatusCode.OK);
        var earn = Assert.Single(history.GetProperty("items").EnumerateArray());
        Assert.Equal("earn", earn.GetProperty("type").GetString());
        Assert.Equal(123, earn.GetProperty("points").GetInt32());
        Assert.Equal(123, earn.GetProperty("balanceAfter").GetInt64());
        Assert.Equal(appointmentId, earn.GetProperty("appointmentId").GetGuid());
        Assert.Equal("2027-03-02T08:00:00Z", earn.GetProperty("expiresAt").GetString());
        await _world.AssertLedgerConsistentAsync(clientId);
    }

    [Fact]
    public async Task Without_an_amount_paid_the_price_counts_and_a_services_loyalty_points_replace_the_amount()
    {
        var (clientId, _) = await _world.NewClientAsync();
        await _world.CompleteAppointmentAsync(clientId, null);
        Assert.Equal(120, await _world.BalanceAsync(clientId));

        var service = await (await api.Authorized(_world.Booking.OwnerToken).PostJsonAsync($"/clinics/{_world.Booking.ClinicId}/services", new
        {
            name = "Peel", durationMinutes = 30, price = new { amount = 300m, currency = "EUR" }, loyaltyPoints = 40,
        })).ExpectAsync(HttpStatusCode.Created);
        await _world.CompleteAppointmentAsync(clientId, 300m, service.GetProperty("id").GetGuid());
        Assert.Equal(160, await _world.BalanceAsync(clientId));
    }

    [Fact]
    public async Task Tiers_rise_at_500_1500_and_5000_trailing_points_and_each_multiplies_later_earnings()
    {
        var (clientId, token) = await _world.NewClientAsync();
        (decimal Paid, int Earned, string Tier)[] steps =
        [
            (499m, 499, "bronze"), (1m, 1, "silver"), (100m, 110, "silver"), (808m, 888, "silver"), (2m, 2, "gold"),
            (100m, 125, "gold"), (2700m, 3375, "platinum"), (100m, 150, "platinum"),
        ];
        long balance = 0;
        foreach (var (paid, earned, tier) in steps)
        {
            await _world.CompleteAppointmentAsync(clientId, paid);
            balance += earned;
            var account = await _world.AccountAsync(token, clientId);
            Assert.Equal(balance, account.GetProperty("balance").GetInt64());
            Assert.Equal(tier, account.GetProperty("tier").GetString());
        }
        var final = await _world.AccountAsync(token, clientId);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, final.GetProperty("nextTier").ValueKind);

        var changes = await TierEventsAsync(clientId);
        Assert.Equal(["bronze>silver", "silver>gold", "gold>platinum"], changes.Select(c => $"{c.PreviousTier}>{c.NewTier}"));
        Assert.Equal([500, 1500, 5000], changes.Select(c => c.TrailingPoints));
        await _world.AssertLedgerConsistentAsync(clientId);
    }

    [Fact]
    public async Task An_appointment_earns_once_when_its_completion_event_is_delivered_again()
    {
        var (clientId, _) = await _world.NewClientAsync();
        var appointmentId = await _world.CompleteAppointmentAsync(clientId, 200m);
        var completed = new AppointmentCompleted(
            new AppointmentFacts(appointmentId, _world.Booking.ClinicId, _world.Booking.DoctorId, clientId, _world.Booking.LongServiceId,
                api.Clock.GetCurrentInstant(), api.Clock.GetCurrentInstant(), 120m, "EUR", null), 200m, "EUR", api.Clock.GetCurrentInstant(), Guid.NewGuid());
        await api.WithDbAsync(async db => { db.Publish(completed); await db.SaveChangesAsync(); });
        await api.DrainOutboxAsync();

        Assert.Equal(200, await _world.BalanceAsync(clientId));
        Assert.Single(await _world.EntriesAsync(clientId));
    }

    [Fact]
    public async Task Two_nodes_handling_copies_of_one_completion_at_once_earn_once()
    {
        var (clientId, _) = await _world.NewClientAsync();
        var completed = new AppointmentCompleted(
            new AppointmentFacts(Guid.CreateVersion7(), _world.Booking.ClinicId, _world.Booking.DoctorId, clientId, _world.Booking.LongServiceId,
                api.Clock.GetCurrentInstant(), api.Clock.GetCurrentInstant(), 120m, "EUR", null), 300m, "EUR", api.Clock.GetCurrentInstant(), Guid.NewGuid());
        await api.DrainOutboxAsync();   // earlier events (the registration's welcome) must not be what the two batches claim
        await api.WithDbAsync(async db => { db.Publish(completed); db.Publish(completed); await db.SaveChangesAsync(); });

        var processor = api.Services.GetRequiredService<OutboxProcessor>();
        var claimed = await Task.WhenAll(processor.ProcessBatchAsync(1), processor.ProcessBatchAsync(1));

        Assert.Equal([1, 1], claimed);
        Assert.Equal(300, await _world.BalanceAsync(clientId));
        Assert.Single(await _world.EntriesAsync(clientId), e => e.AppointmentId == completed.Appointment.AppointmentId);
        var copies = (await api.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Type == nameof(AppointmentCompleted)).ToListAsync()))
            .Where(m => m.Payload.Contains(completed.Appointment.AppointmentId.ToString())).ToList();
        Assert.Equal(2, copies.Count);
        Assert.All(copies, m => Assert.NotNull(m.ProcessedAt));
    }

    [Fact]
    public async Task Points_expire_after_12_months_oldest_lot_first_and_the_tier_falls_when_points_age_out()
    {
        var clock = new ClockScope(api.Clock);
        try
        {
            var (clientId, token) = await _world.NewClientAsync();
            await _world.CompleteAppointmentAsync(clientId, 600m);
            clock.Advance(Duration.FromDays(60));
            await _world.CompleteAppointmentAsync(clientId, 100m);
            var account = await _world.AccountAsync(token, clientId);
            Assert.Equal("silver", account.GetProperty("tier").GetString());
            Assert.Equal(710, account.GetProperty("balance").GetInt64());

            clock.Advance(Duration.FromDays(365 - 60 - 20));
            account = await _world.AccountAsync(token, clientId);
            var expiring = Assert.Single(account.GetProperty("expiringPoints").EnumerateArray());
            Assert.Equal(600, expiring.GetProperty("points").GetInt32());

            clock.Advance(Duration.FromDays(21));
            await api.RunJobAsync<PointsExpiryJob>();
            await api.RunJobAsync<PointsExpiryJob>();

            var entries = await _world.EntriesAsync(clientId);
            var expired = Assert.Single(entries, e => e.Type == LoyaltyEntryType.Expire);
            Assert.Equal(-600, expired.Points);
            Assert.Equal(entries[0].Id, expired.LotId);
            Assert.Equal(110, await _world.BalanceAsync(clientId));
            account = await _world.AccountAsync(token, clientId);
            Assert.Equal("bronze", account.GetProperty("tier").GetString());
            Assert.Equal("silver>bronze", (await TierEventsAsync(clientId)).Select(c => $"{c.PreviousTier}>{c.NewTier}").Last());
            await _world.AssertLedgerConsistentAsync(clientId);
        }
        finally
        {
            clock.Restore();
        }
    }

    [Fact]
    public async Task Clients_are_told_once_per_lot_30_days_before_its_points_expire()
    {
        var clock = new ClockScope(api.Clock);
        try
        {
            var (clientId, _) = await _world.NewClientAsync();
            await _world.CompleteAppointmentAsync(clientId, 100m);
            clock.Advance(Duration.FromDays(40));
            await _world.CompleteAppointmentAsync(clientId, 50m);
            var lots = await _world.EntriesAsync(clientId);

            clock.Advance(Duration.FromDays(365 - 40 - 31));
            await api.RunJobAsync<ExpiringPointsNoticesJob>();
            Assert.Empty(await NoticesAsync(clientId));

            clock.Advance(Duration.FromDays(2));
            await api.RunJobAsync<ExpiringPointsNoticesJob>();
            await api.RunJobAsync<ExpiringPointsNoticesJob>();
            var notice = Assert.Single(await NoticesAsync(clientId));
            Assert.Equal(lots[0].Id, notice.LotId);
            Assert.Equal(100, notice.Points);
            Assert.Equal(lots[0].ExpiresAt, notice.ExpiresAt);
        }
        finally
        {
            clock.Restore();
        }
    }

    [Fact]
    public async Task The_database_refuses_a_negative_balance_an_overspent_lot_and_changes_to_written_entries()
    {
        var (clientId, _) = await _world.NewClientAsync();
        await _world.CompleteAppointmentAsync(clientId, 100m);
        async Task Refused(string sql) =>
            Assert.NotNull((await Assert.ThrowsAnyAsync<Exception>(() => api.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql, clientId)))).FindPostgresException());

        await Refused("UPDATE loyalty_accounts SET balance = -1 WHERE client_id = {0}");
        await Refused("UPDATE loyalty_entries SET remaining = points + 1 WHERE client_id = {0}");
        await Refused("UPDATE loyalty_entries SET points = 1000 WHERE client_id = {0}");
        await Refused("DELETE FROM loyalty_entries WHERE client_id = {0}");
        await _world.AssertLedgerConsistentAsync(clientId);
    }
}
