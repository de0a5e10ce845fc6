using System.Net;
using MedAesthetics.Api.Modules.Loyalty;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Booking;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Loyalty;

public sealed class RedemptionTests(LoyaltyApi api) : IClassFixture<LoyaltyApi>, IAsyncLifetime
{
    private LoyaltyWorld _world = null!;

    public async Task InitializeAsync()
    {
        api.Clock.Reset(ApiFactory.DefaultStart);
        _world = await LoyaltyWorld.CreateAsync(api);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Key() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Redeeming_100_points_is_worth_5_euros_and_a_replay_with_the_same_key_returns_the_first_answer_and_spends_nothing()
    {
        var (clientId, token) = await _world.NewClientAsync();
        await _world.CompleteAppointmentAsync(clientId, 250m);
        var key = Key();

        var first = await (await _world.RedeemAsync(token, key, new { clientId, points = 200 })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(200, first.GetProperty("points").GetInt32());
        Assert.Equal(10.00m, first.GetProperty("discount").GetProperty("amount").GetDecimal());
        Assert.Equal("EUR", first.GetProperty("discount").GetProperty("currency").GetString());
        Assert.Equal(50, first.GetProperty("balance").GetInt64());

        var replay = await (await _world.RedeemAsync(token, key, new { clientId, points = 200 })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(first.ToString(), replay.ToString());
        Assert.Equal(50, await _world.BalanceAsync(clientId));

        var entries = await _world.EntriesAsync(clientId);
        var redeem = Assert.Single(entries, e => e.Type == LoyaltyEntryType.Redeem);
        Assert.Equal(first.GetProperty("transactionId").GetGuid(), redeem.Id);
        Assert.Equal(-200, redeem.Points);
        await _world.AssertLedgerConsistentAsync(clientId);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_and_spends_nothing()
    {
        var (clientId, token) = await _world.NewClientAsync();
        await _world.CompleteAppointmentAsync(clientId, 500m);
        var key = Key();
        await (await _world.RedeemAsync(token, key, new { clientId, points = 100 })).ExpectAsync(HttpStatusCode.Created);

        await (await _world.RedeemAsync(token, key, new { clientId, points = 200 })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(400, await _world.BalanceAsync(clientId));
    }

    [Fact]
    public async Task Bad_redemptions_are_4xx_problems_and_change_nothing()
    {
        var (clientId, token) = await _world.NewClientAsync();
        await _world.CompleteAppointmentAsync(clientId, 250m);
        var (otherId, _) = await _world.NewClientAsync();

        async Task Refused(HttpStatusCode status, string? key, object body, string? field = null)
        {
            var problem = await (await _world.RedeemAsync(token, key, body)).ExpectAsync(status);
            if (field is not null)
                Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
        await Refused(HttpStatusCode.BadRequest, null, new { clientId, points = 100 }, "Idempotency-Key");
        await Refused(HttpStatusCode.BadRequest, "  ", new { clientId, points = 100 }, "Idempotency-Key");
        await Refused(HttpStatusCode.BadRequest, new string('k', 201), new { clientId, points = 100 }, "Idempotency-Key");
        await Refused(HttpStatusCode.BadRequest, Key(), new { clientId, points = 50 }, "points");
        await Refused(HttpStatusCode.BadRequest, Key(), new { clientId, points = 150 }, "points");
        await Refused(HttpStatusCode.BadRequest, Key(), new { clientId, points = -100 }, "points");
        await Refused(HttpStatusCode.BadRequest, Key(), new { clientId }, "points");
        await Refused(HttpStatusCode.BadRequest, Key(), new { points = 100 }, "clientId");
        await Refused(HttpStatusCode.BadRequest, Key(), new { clientId, points = "many" });
        await Refused(HttpStatusCode.Conflict, Key(), new { clientId, points = 300 });
        await Refused(HttpStatusCode.NotFound, Key(), new { clientId = otherId, points = 100 });
        await Refused(HttpStatusCode.NotFound, Key(), new { clientId, points = 100, appointmentId = Guid.NewGuid() });
        await (await api.CreateClient().PostJsonAsync("/loyalty/redeem", new { clientId, points = 100 })).ExpectAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(250, await _world.BalanceAsync(clientId));
        Assert.Single(await _world.EntriesAsync(clientId));
        Assert.Equal(0, await api.WithDbAsync(db => db.Set<LoyaltyRedemption>().CountAsync(r => r.ClientId == clientId)));
    }

    [Fact]
    public async Task Ten_concurrent_redemptions_against_a_balance_for_one_spend_it_once()
    {
        var (clientId, token) = await _world.NewClientAsync();
        await _world.CompleteAppointmentAsync(clientId, 199m);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _world.RedeemAsync(token, Key(), new { clientId, points = 100 })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(99, await _world.BalanceAsync(clientId));
        await _world.AssertLedgerConsistentAsync(clientId);
    }

    [Fact]
    public async Task A_redemption_spends_the_oldest_lots_first()
    {
        var clock = new ClockScope(api.Clock);
        try
        {
            var (clientId, token) = await _world.NewClientAsync();
            await _world.CompleteAppointmentAsync(clientId, 150m);
            clock.Advance(Duration.FromDays(3));
            await _world.CompleteAppointmentAsync(clientId, 150m);

            await (await _world.RedeemAsync(token, Key(), new { clientId, points = 200 })).ExpectAsync(HttpStatusCode.Created);

            var lots = (await _world.EntriesAsync(clientId)).Where(e => e.IsLot).ToList();
            Assert.Equal([0, 100], lots.Select(l => l.Remaining!.Value));
            await _world.AssertLedgerConsistentAsync(clientId);
        }
        finally
        {
            clock.Restore();
        }
    }

    [Fact]
    public async Task A_redemption_names_only_an_upcoming_appointment_of_the_client()
    {
        var (clientId, token) = await _world.NewClientAsync();
        var past = await _world.CompleteAppointmentAsync(clientId, 500m);
        var (otherId, _) = await _world.NewClientAsync();
        var upcoming = (await (await _world.Booking.StaffBookAsync(clientId, BookingWorld.At(2026, 3, 4, 11))).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var others = (await (await _world.Booking.StaffBookAsync(otherId, BookingWorld.At(2026, 3, 4, 14))).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        await (await _world.RedeemAsync(token, Key(), new { clientId, points = 100, appointmentId = others })).ExpectAsync(HttpStatusCode.NotFound);
        var problem = await (await _world.RedeemAsync(token, Key(), new { clientId, points = 100, appointmentId = past })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("appointmentId", out _));

        var redeemed = await (await _world.RedeemAsync(token, Key(), new { clientId, points = 100, appointmentId = upcoming })).ExpectAsync(HttpStatusCode.Created);
        var entry = Assert.Single(await _world.EntriesAsync(clientId), e => e.Id == redeemed.GetProperty("transactionId").GetGuid());
        Assert.Equal(upcoming, entry.AppointmentId);
        Assert.Equal(_world.Booking.ClinicId, entry.ClinicId);
    }

    [Fact]
    public async Task The_clinics_team_may_redeem_for_its_client_but_a_salesperson_may_not_and_other_clinics_do_not_see_the_client()
    {
        var (clientId, _) = await _world.NewClientAsync();
        await _world.CompleteAppointmentAsync(clientId, 300m);

        await (await _world.RedeemAsync(_world.Booking.SecretaryToken, Key(), new { clientId, points = 100 })).ExpectAsync(HttpStatusCode.Created);
        await (await _world.RedeemAsync(_world.Booking.AdminToken, Key(), new { clientId, points = 100 })).ExpectAsync(HttpStatusCode.Created);

        var (salesId, sales) = await api.SignedInAsync(UserRole.Salesperson);
        await (await api.Authorized(_world.Booking.AdminToken).PostJsonAsync("/admin/agent-clinic-access", new { agentUserId = salesId, clinicId = _world.Booking.ClinicId })).ExpectAsync(HttpStatusCode.Created);
        await (await _world.RedeemAsync(sales, Key(), new { clientId, points = 100 })).ExpectAsync(HttpStatusCode.Forbidden);
        await _world.AccountAsync(sales, clientId);

        var elsewhere = await LoyaltyWorld.CreateAsync(api);
        await (await _world.RedeemAsync(elsewhere.Booking.SecretaryToken, Key(), new { clientId, points = 100 })).ExpectAsync(HttpStatusCode.NotFound);
        await (await api.Authorized(elsewhere.Booking.SecretaryToken).GetAsync($"/loyalty/{clientId}")).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(100, await _world.BalanceAsync(clientId));
    }

    [Fact]
    public async Task Admins_adjust_points_with_a_reason_never_below_zero()
    {
        var (clientId, token) = await _world.NewClientAsync();
        var admin = api.Authorized(_world.Booking.AdminToken);

        var added = await (await admin.PostJsonAsync($"/loyalty/{clientId}/adjustments", new { points = 80, reason = "Goodwill after a late start" })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("adjust", added.GetProperty("type").GetString());
        Assert.Equal(80, added.GetProperty("balanceAfter").GetInt64());
        await (await admin.PostJsonAsync($"/loyalty/{clientId}/adjustments", new { points = -30, reason = "Correction" })).ExpectAsync(HttpStatusCode.Created);

        await (await admin.PostJsonAsync($"/loyalty/{clientId}/adjustments", new { points = -51, reason = "Too much" })).ExpectAsync(HttpStatusCode.Conflict);
        await (await admin.PostJsonAsync($"/loyalty/{clientId}/adjustments", new { points = 10 })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await admin.PostJsonAsync($"/loyalty/{clientId}/adjustments", new { points = 10, reason = "   " })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await admin.PostJsonAsync($"/loyalty/{clientId}/adjustments", new { points = 0, reason = "Nothing" })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await admin.PostJsonAsync($"/loyalty/{Guid.NewGuid()}/adjustments", new { points = 10, reason = "Nobody" })).ExpectAsync(HttpStatusCode.NotFound);
        await (await api.Authorized(_world.Booking.SecretaryToken).PostJsonAsync($"/loyalty/{clientId}/adjustments", new { points = 10, reason = "Me" })).ExpectAsync(HttpStatusCode.Forbidden);
        await (await api.Authorized(token).PostJsonAsync($"/loyalty/{clientId}/adjustments", new { points = 10, reason = "Me" })).ExpectAsync(HttpStatusCode.Forbidden);

        Assert.Equal(50, await _world.BalanceAsync(clientId));
        var account = await _world.AccountAsync(token, clientId);
        Assert.Equal(0, account.GetProperty("lifetimePoints").GetInt64());
        await _world.AssertLedgerConsistentAsync(clientId);
    }
}
