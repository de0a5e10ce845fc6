using System.Net;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Modules.Loyalty;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Loyalty;

public sealed class LoyaltyAccountTests(LoyaltyApi api) : IClassFixture<LoyaltyApi>, IAsyncLifetime
{
    private LoyaltyWorld _world = null!;

    public async Task InitializeAsync()
    {
        api.Clock.Reset(ApiFactory.DefaultStart);
        _world = await LoyaltyWorld.CreateAsync(api);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_client_reads_only_its_own_loyalty_and_staff_only_clients_of_their_clinics()
    {
        var (clientId, token) = await _world.NewClientAsync();
        var (otherId, otherToken) = await _world.NewClientAsync();
        await _world.CompleteAppointmentAsync(clientId, 100m);

        await _world.AccountAsync(token, clientId);
        await (await api.Authorized(otherToken).GetAsync($"/loyalty/{clientId}")).ExpectAsync(HttpStatusCode.NotFound);
        await (await api.Authorized(otherToken).GetAsync($"/loyalty/{clientId}/history")).ExpectAsync(HttpStatusCode.NotFound);
        await _world.AccountAsync(_world.Booking.SecretaryToken, clientId);
        await _world.AccountAsync(_world.Booking.DoctorToken, clientId);
        await (await api.Authorized(_world.Booking.SecretaryToken).GetAsync($"/loyalty/{otherId}")).ExpectAsync(HttpStatusCode.NotFound);
        await (await api.Authorized(_world.Booking.AdminToken).GetAsync($"/loyalty/{Guid.NewGuid()}")).ExpectAsync(HttpStatusCode.NotFound);
        await (await api.Authorized(_world.Booking.AdminToken).GetAsync($"/loyalty/{_world.Booking.DoctorId}")).ExpectAsync(HttpStatusCode.NotFound);
        await (await api.CreateClient().GetAsync($"/loyalty/{clientId}")).ExpectAsync(HttpStatusCode.Unauthorized);
        await _world.AccountAsync(_world.Booking.AdminToken, otherId);
    }

    [Fact]
    public async Task The_openapi_document_names_the_loyalty_operations_and_the_idempotency_header()
    {
        var document = await (await api.CreateClient().GetAsync("/api/docs/openapi.json")).ExpectAsync(HttpStatusCode.OK);
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(o => o.Value.ValueKind == System.Text.Json.JsonValueKind.Object && o.Value.TryGetProperty("operationId", out _))
                .Select(o => (Path: path.Name, Id: o.Value.GetProperty("operationId").GetString(), Operation: o.Value)))
            .ToList();
        Assert.Contains(operations, o => o is { Path: "/loyalty/{clientId}", Id: "getLoyaltyAccount" });
        Assert.Contains(operations, o => o is { Path: "/loyalty/{clientId}/history", Id: "listLoyaltyHistory" });
        Assert.Contains(operations, o => o is { Path: "/loyalty/{clientId}/adjustments", Id: "adjustPoints" });
        var redeem = Assert.Single(operations, o => o is { Path: "/loyalty/redeem", Id: "redeemPoints" });
        Assert.Contains(redeem.Operation.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
    }

    [Fact]
    public async Task History_is_paged_newest_first_and_bad_paging_is_400()
    {
        var (clientId, token) = await _world.NewClientAsync();
        await _world.CompleteAppointmentAsync(clientId, 100m);
        await _world.CompleteAppointmentAsync(clientId, 200m);
        await (await _world.RedeemAsync(token, "k-1", new { clientId, points = 100 })).ExpectAsync(HttpStatusCode.Created);

        var page = await (await api.Authorized(token).GetAsync($"/loyalty/{clientId}/history?page=1&pageSize=2")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["redeem", "earn"], items.Select(i => i.GetProperty("type").GetString()));
        Assert.Equal(-100, items[0].GetProperty("points").GetInt32());
        Assert.Equal(200, items[0].GetProperty("balanceAfter").GetInt64());
        Assert.Equal(200, items[1].GetProperty("points").GetInt32());

        await (await api.Authorized(token).GetAsync($"/loyalty/{clientId}/history?pageSize=101")).ExpectAsync(HttpStatusCode.BadRequest);
        await (await api.Authorized(token).GetAsync($"/loyalty/{clientId}/history?page=0")).ExpectAsync(HttpStatusCode.BadRequest);
        await (await api.Authorized(token).GetAsync($"/loyalty/not-a-guid/history")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_referred_client_and_its_referrer_each_earn_50_points_once_at_its_first_completed_appointment()
    {
        var (referrerId, referrerToken) = await _world.NewClientAsync();
        var code = (await _world.AccountAsync(referrerToken, referrerId)).GetProperty("referralCode").GetString()!;

        var (referredId, _) = await _world.NewClientAsync(code.ToLowerInvariant());
        await _world.CompleteAppointmentAsync(referredId, 100m);
        await _world.CompleteAppointmentAsync(referredId, 100m);

        Assert.Equal(50, await _world.BalanceAsync(referrerId));
        Assert.Equal(250, await _world.BalanceAsync(referredId));
        Assert.Single(await _world.EntriesAsync(referrerId));
        await _world.AssertLedgerConsistentAsync(referrerId);
        await _world.AssertLedgerConsistentAsync(referredId);
    }

    [Fact]
    public async Task Registering_with_an_unknown_referral_code_is_400_and_creates_no_user()
    {
        var email = Http.UniqueEmail("referred");
        var problem = await (await api.CreateClient().PostJsonAsync("/auth/register", new
        {
            email, password = Http.Password, firstName = "Nikos", lastName = "K", acceptTerms = true, referralCode = "NOSUCH22",
        })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("referralCode", out _));
        await (await api.CreateClient().PostJsonAsync("/auth/login", new { email, password = Http.Password })).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Report_figures_count_points_issued_redeemed_and_expired_in_the_period_by_clinic()
    {
        var from = api.Clock.GetCurrentInstant();
        var (clientId, token) = await _world.NewClientAsync();
        await _world.CompleteAppointmentAsync(clientId, 300m);
        await (await _world.RedeemAsync(token, "figures", new { clientId, points = 100 })).ExpectAsync(HttpStatusCode.Created);
        await (await api.Authorized(_world.Booking.AdminToken).PostJsonAsync($"/loyalty/{clientId}/adjustments", new { points = 20, reason = "Goodwill" }))
            .ExpectAsync(HttpStatusCode.Created);

        var to = api.Clock.GetCurrentInstant() + Duration.FromSeconds(1);
        var all = await api.WithServiceAsync<ILoyaltyFigures, LoyaltyFigures>(f => f.ForPeriodAsync(from, to, null, CancellationToken.None));
        var clinic = await api.WithServiceAsync<ILoyaltyFigures, LoyaltyFigures>(f => f.ForPeriodAsync(from, to, _world.Booking.ClinicId, CancellationToken.None));
        var elsewhere = await api.WithServiceAsync<ILoyaltyFigures, LoyaltyFigures>(f => f.ForPeriodAsync(from, to, Guid.NewGuid(), CancellationToken.None));

        Assert.True(all.Issued >= 320 && all.Redeemed >= 100);
        // Fresh clinic: only this test's earning is on it; the redemption named no appointment and the adjustment no clinic.
        Assert.Equal(new LoyaltyFigures(300, 0, 0), clinic);
        Assert.Equal(new LoyaltyFigures(0, 0, 0), elsewhere);
    }

    [Fact]
    public async Task Export_holds_the_account_and_ledger_and_erasure_keeps_the_ledger_but_drops_the_referral_code()
    {
        var (clientId, _) = await _world.NewClientAsync();
        await _world.CompleteAppointmentAsync(clientId, 100m);
        var subject = new DataSubject(clientId, "x@example.test", null);
        var export = await api.WithServiceAsync<IEnumerable<IPersonalDataSource>, string>(async sources =>
            System.Text.Json.JsonSerializer.Serialize(await sources.Single(p => p.Section == "loyalty").ExportAsync(subject, CancellationToken.None),
                MedAesthetics.Api.Platform.Http.ApiJson.Options));
        Assert.Contains("\"balance\":100", export);
        Assert.Contains("\"entries\":[{", export);

        await api.WithServiceAsync<IEnumerable<IPersonalDataSource>, bool>(async sources =>
        {
            await sources.Single(p => p.Section == "loyalty").EraseAsync(subject, CancellationToken.None);
            return true;
        });
        var account = await api.WithDbAsync(db => db.Set<LoyaltyAccount>().AsNoTracking().SingleAsync(a => a.ClientId == clientId));
        Assert.Null(account.ReferralCode);
        Assert.Equal(100, account.Balance);
        Assert.Single(await _world.EntriesAsync(clientId));
    }
}
