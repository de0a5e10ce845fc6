using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MedAesthetics.Api.Modules.Loyalty;
using MedAesthetics.IntegrationTests.Booking;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Loyalty;

/// <summary>
/// A booking world plus the moves loyalty tests need: complete an appointment for a client as the clinic's secretary
/// (booked a few hours back, as staff may), deliver the outbox, read and redeem points, and check the ledger sums.
/// </summary>
public sealed class LoyaltyWorld(BookingWorld booking)
{
    private int _slot;

    public BookingWorld Booking => booking;
    public ApiFactory Api => booking.Api;

    public static async Task<LoyaltyWorld> CreateAsync(ApiFactory api) => new(await BookingWorld.CreateAsync(api));

    /// <summary>Books a past slot for the client as staff, completes it with the amount paid and delivers the events; returns the appointment id.</summary>
    public async Task<Guid> CompleteAppointmentAsync(Guid clientId, decimal? amountPaid, Guid? serviceId = null)
    {
        var now = Api.Clock.GetCurrentInstant();
        var hour = Instant.FromUnixTimeSeconds(now.ToUnixTimeSeconds() / 3600 * 3600);
        var slot = _slot++;
        var start = hour - Duration.FromHours(2 + 2 * (slot % 60));
        var providerId = slot / 60 % 2 == 0 ? booking.DoctorId : booking.SecondDoctorId;
        var appointment = await (await booking.StaffBookAsync(clientId, start, providerId, serviceId)).ExpectAsync(HttpStatusCode.Created);
        var id = appointment.GetProperty("id").GetGuid();
        object body = amountPaid is { } paid ? new { amountPaid = new { amount = paid, currency = "EUR" } } : new { };
        await (await Api.Authorized(booking.SecretaryToken).PatchJsonAsync($"/appointments/{id}/complete", body)).ExpectAsync(HttpStatusCode.OK);
        await Api.DrainOutboxAsync();
        return id;
    }

    public async Task<(Guid Id, string Token)> NewClientAsync(string? referralCode = null)
    {
        var response = await Api.CreateClient().PostJsonAsync("/auth/register", new
        {
            email = Http.UniqueEmail("client"), password = Http.Password, firstName = "Eleni", lastName = "Papadaki", acceptTerms = true, referralCode,
        });
        var tokens = await response.ExpectAsync(HttpStatusCode.Created);
        await Api.DrainOutboxAsync();
        return (tokens.GetProperty("user").GetProperty("id").GetGuid(), tokens.AccessToken());
    }

    public async Task<JsonElement> AccountAsync(string token, Guid clientId) =>
        await (await Api.Authorized(token).GetAsync($"/loyalty/{clientId}")).ExpectAsync(HttpStatusCode.OK);

    public async Task<long> BalanceAsync(Guid clientId) => (await AccountAsync(booking.AdminToken, clientId)).GetProperty("balance").GetInt64();

    public Task<HttpResponseMessage> RedeemAsync(string token, string? key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/loyalty/redeem") { Content = BookingWorld.JsonBody(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (key is not null)
            request.Headers.Add("Idempotency-Key", key);
        return Api.CreateClient().SendAsync(request);
    }

    public Task<List<LoyaltyEntry>> EntriesAsync(Guid clientId) =>
        Api.WithDbAsync(db => db.Set<LoyaltyEntry>().AsNoTracking().Where(e => e.ClientId == clientId).OrderBy(e => e.Sequence).ToListAsync());

    /// <summary>The ledger's invariants for one client: balance == sum(entries) >= 0, each entry's balanceAfter the running sum, lots within 0..points.</summary>
    public async Task AssertLedgerConsistentAsync(Guid clientId)
    {
        var entries = await EntriesAsync(clientId);
        var account = await Api.WithDbAsync(db => db.Set<LoyaltyAccount>().AsNoTracking().SingleAsync(a => a.ClientId == clientId));
        long running = 0;
        foreach (var entry in entries)
        {
            running += entry.Points;
            Assert.Equal(running, entry.BalanceAfter);
            if (entry.IsLot)
                Assert.InRange(entry.Remaining!.Value, 0, entry.Points);
        }
        Assert.Equal(running, account.Balance);
        Assert.True(account.Balance >= 0);
        Assert.Equal(account.Balance, entries.Where(e => e.IsLot).Sum(e => (long)e.Remaining!.Value));
        Assert.Equal(entries.Count, account.EntryCount);
    }
}
