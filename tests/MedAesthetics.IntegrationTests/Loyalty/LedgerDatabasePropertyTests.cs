using System.Net;
using CsCheck;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Modules.Loyalty;
using MedAesthetics.IntegrationTests.Infrastructure;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Loyalty;

/// <summary>
/// Random sequences of earn (a delivered AppointmentCompleted), redeem, adjust up and down, and time passing with the
/// expiry job, against PostgreSQL through the API: after each sequence the stored ledger sums to the balance, which
/// is never negative, and every lot's remainder lies within 0..points.
/// </summary>
public sealed class LedgerDatabasePropertyTests(LoyaltyApi api) : IClassFixture<LoyaltyApi>
{
    private enum Move { Earn, Redeem, AdjustUp, AdjustDown, TimePasses }

    private sealed record Step(Move Move, int Points, int Days);

    [Fact]
    public async Task Random_ledger_moves_keep_the_stored_balance_equal_to_the_entries_and_the_lots_within_bounds()
    {
        api.Clock.Reset(ApiFactory.DefaultStart);
        var world = await LoyaltyWorld.CreateAsync(api);
        var admin = api.Authorized(world.Booking.AdminToken);
        var steps = Gen.Select(Gen.Enum<Move>(), Gen.Int[1, 700], Gen.Int[20, 60], (m, p, d) => new Step(m, p, d)).Array[1, 12];

        await steps.SampleAsync(async sequence =>
        {
            var clock = new ClockScope(api.Clock);
            try
            {
                var (clientId, _) = await world.NewClientAsync();
                foreach (var step in sequence)
                    await ApplyAsync(world, admin, clientId, step);
                await world.AssertLedgerConsistentAsync(clientId);
            }
            finally
            {
                clock.Restore();
            }
        }, iter: 6, threads: 1);
    }

    private async Task ApplyAsync(LoyaltyWorld world, HttpClient admin, Guid clientId, Step step)
    {
        var now = api.Clock.GetCurrentInstant();
        switch (step.Move)
        {
            case Move.Earn:
                await api.WithDbAsync(async db =>
                {
                    db.Publish(new AppointmentCompleted(new AppointmentFacts(Guid.CreateVersion7(), world.Booking.ClinicId, world.Booking.DoctorId, clientId,
                        world.Booking.LongServiceId, now, now, 120m, "EUR", null), step.Points, "EUR", now, world.Booking.DoctorId));
                    await db.SaveChangesAsync();
                });
                await api.DrainOutboxAsync();
                break;
            case Move.Redeem:
                var points = (step.Points + 99) / 100 * 100;
                var redeemed = await world.RedeemAsync(world.Booking.AdminToken, Guid.NewGuid().ToString("N"), new { clientId, points });
                Assert.Contains(redeemed.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict });
                break;
            case Move.AdjustUp:
            case Move.AdjustDown:
                var sign = step.Move == Move.AdjustUp ? 1 : -1;
                var adjusted = await admin.PostJsonAsync($"/loyalty/{clientId}/adjustments", new { points = sign * step.Points, reason = "property" });
                Assert.Contains(adjusted.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict });
                break;
            case Move.TimePasses:
                api.Clock.Advance(Duration.FromDays(step.Days));
                await api.RunJobAsync<PointsExpiryJob>();
                break;
        }
    }
}
