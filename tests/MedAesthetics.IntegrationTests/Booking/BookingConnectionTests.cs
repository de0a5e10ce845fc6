using System.Net;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace MedAesthetics.IntegrationTests.Booking;

/// <summary>
/// A hold keeps its connection open from the rules to the commit, and a booking keeps its transaction's; the calendar
/// version the rules ask for is read on that same connection. Were it read on a second one, a node with as many
/// concurrent holds as pooled connections would have every request holding one and waiting for another until the pool's
/// timeout. A hold asks the schedule cache (whose version check and loads use a connection of their own) before it takes
/// its connection. A node whose pool has a single connection (with the clinic's schedule and the settings cached) shows
/// it: its holds and bookings go through.
/// </summary>
public sealed class BookingConnectionTests() : TwoNodes(new BookingApi(), new SingleConnectionApi())
{
    private sealed class SingleConnectionApi : ApiFactory
    {
        // The calendar version is read for every request that asks the cache (no refresh interval), so a hold that read
        // it on a second connection would show at once.
        public SingleConnectionApi() => With("JWT_EXPIRATION", "90d").With("Calendar:RefreshMilliseconds", "0");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Timeout also bounds the wait for a pooled connection: a request needing a second one fails in 3 s.
            builder.UseSetting("DATABASE_URL", ConnectionString + ";Maximum Pool Size=1;Timeout=3");
        }
    }

    [Fact]
    public async Task A_hold_and_a_staff_booking_each_need_a_single_database_connection()
    {
        var world = await BookingWorld.CreateAsync(First);
        var (clientId, client) = await First.SignedInAsync(UserRole.Client);
        // Caches the schedule and the platform settings on the single-connection node.
        await (await Second.CreateClient()
                .GetAsync($"/availability?clinicId={world.ClinicId}&serviceId={world.ShortServiceId}&date=2026-03-03&providerId={world.DoctorId}"))
            .ExpectAsync(HttpStatusCode.OK);

        var hold = await (await Second.Authorized(client).PostJsonAsync("/appointments/hold", new
        {
            clinicId = world.ClinicId, serviceId = world.ShortServiceId, providerId = world.DoctorId, start = "2026-03-03T08:00:00Z",
        })).ExpectAsync(HttpStatusCode.Created);
        await (await Second.Authorized(client).PostJsonAsync("/appointments", new { holdId = hold.GetProperty("holdId").GetGuid() }))
            .ExpectAsync(HttpStatusCode.Created);

        var booked = await (await Second.Authorized(world.SecretaryToken).PostJsonAsync("/appointments", new
        {
            clinicId = world.ClinicId, serviceId = world.ShortServiceId, providerId = world.DoctorId, start = "2026-03-03T09:00:00Z", clientId,
        })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("confirmed", booked.GetProperty("status").GetString());
    }
}
