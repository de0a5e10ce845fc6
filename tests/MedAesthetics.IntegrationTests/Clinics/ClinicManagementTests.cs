using System.Net;
using System.Text.Json;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Booking;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.IntegrationTests.Clinics;

public sealed class ClinicManagementTests(BookingApi api) : IClassFixture<BookingApi>
{
    private static Guid Id(JsonElement json) => json.GetProperty("id").GetGuid();

    [Fact]
    public async Task The_admin_creates_a_clinic_that_anyone_can_read()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);

        var clinic = await (await api.Authorized(admin).PostJsonAsync("/clinics", new { name = "Glow Thessaloniki", timezone = "Europe/Athens", address = "Tsimiski 1", countryCode = "gr" }))
            .ExpectAsync(HttpStatusCode.Created);

        var read = await (await api.CreateClient().GetAsync($"/clinics/{Id(clinic)}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Glow Thessaloniki", read.GetProperty("name").GetString());
        Assert.Equal("Europe/Athens", read.GetProperty("timezone").GetString());
        Assert.Equal("GR", read.GetProperty("countryCode").GetString());
        var list = await (await api.CreateClient().GetAsync("/clinics?q=glow%20thess")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), c => Id(c) == Id(clinic));
        await (await api.CreateClient().GetAsync($"/clinics/{Guid.NewGuid()}")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("EEST")]
    [InlineData("")]
    public async Task An_unknown_timezone_answers_400_and_creates_nothing(string timezone)
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var name = $"Bad tz {Guid.NewGuid():N}";

        var problem = await (await api.Authorized(admin).PostJsonAsync("/clinics", new { name, timezone })).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("timezone", out _));
        Assert.False(await api.WithDbAsync(db => db.Set<Api.Modules.Clinics.Clinic>().AnyAsync(c => c.Name == name)));
    }

    [Fact]
    public async Task Only_the_admin_creates_clinics()
    {
        var (_, owner) = await api.SignedInAsync(UserRole.ClinicOwner);

        await (await api.Authorized(owner).PostJsonAsync("/clinics", new { name = "Mine", timezone = "Europe/Athens" })).ExpectAsync(HttpStatusCode.Forbidden);
        await (await api.CreateClient().PostJsonAsync("/clinics", new { name = "Mine", timezone = "Europe/Athens" })).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_owner_manages_its_own_clinic_and_not_another()
    {
        var mine = await BookingWorld.CreateAsync(api);
        var theirs = await BookingWorld.CreateAsync(api);
        var owner = api.Authorized(mine.OwnerToken);

        var renamed = await (await owner.PatchJsonAsync($"/clinics/{mine.ClinicId}", new { name = "Renamed", timezone = "Europe/London" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Renamed", renamed.GetProperty("name").GetString());
        Assert.Equal("Europe/London", renamed.GetProperty("timezone").GetString());

        await (await owner.PatchJsonAsync($"/clinics/{theirs.ClinicId}", new { name = "Hijacked" })).ExpectAsync(HttpStatusCode.Forbidden);
        await (await owner.PostJsonAsync($"/clinics/{theirs.ClinicId}/services", new { name = "X", durationMinutes = 30, price = new { amount = 10, currency = "EUR" } }))
            .ExpectAsync(HttpStatusCode.Forbidden);
        await (await owner.PatchJsonAsync($"/clinics/{mine.ClinicId}", new { ownerId = Guid.NewGuid() })).ExpectAsync(HttpStatusCode.Forbidden);
        await (await api.Authorized(mine.SecretaryToken).PatchJsonAsync($"/clinics/{mine.ClinicId}", new { name = "By secretary" })).ExpectAsync(HttpStatusCode.Forbidden);
        var unchanged = await (await api.CreateClient().GetAsync($"/clinics/{theirs.ClinicId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual("Hijacked", unchanged.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData(7, 0, 0, 10.00)]
    [InlineData(0, 0, 0, 10.00)]
    [InlineData(485, 0, 0, 10.00)]
    [InlineData(-30, 0, 0, 10.00)]
    [InlineData(30, 121, 0, 10.00)]
    [InlineData(30, 0, -5, 10.00)]
    [InlineData(30, 0, 0, -1.00)]
    [InlineData(30, 0, 0, 10.005)]
    public async Task Service_rules_are_checked_and_a_bad_service_is_not_stored(int duration, int before, int after, double price)
    {
        var world = await BookingWorld.CreateAsync(api);
        var name = $"Bad {Guid.NewGuid():N}";

        await (await api.Authorized(world.OwnerToken).PostJsonAsync($"/clinics/{world.ClinicId}/services", new
        {
            name, durationMinutes = duration, bufferBeforeMinutes = before, bufferAfterMinutes = after, price = new { amount = (decimal)price, currency = "EUR" },
        })).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.False(await api.WithDbAsync(db => db.Set<Api.Modules.Clinics.Service>().AnyAsync(s => s.Name == name)));
    }

    [Fact]
    public async Task A_service_keeps_its_price_buffers_and_loyalty_settings()
    {
        var world = await BookingWorld.CreateAsync(api);

        var service = await (await api.Authorized(world.OwnerToken).PostJsonAsync($"/clinics/{world.ClinicId}/services", new
        {
            name = "Fillers", durationMinutes = 45, price = new { amount = 350.5, currency = "EUR" }, bufferBeforeMinutes = 5, bufferAfterMinutes = 15,
            category = "injectables", loyaltyPoints = 400, repeatAfterDays = 300,
        })).ExpectAsync(HttpStatusCode.Created);

        var listed = (await (await api.CreateClient().GetAsync($"/clinics/{world.ClinicId}/services")).ExpectAsync(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Single(s => Id(s) == Id(service));
        Assert.Equal(world.ClinicId, listed.GetProperty("clinicId").GetGuid());
        Assert.Equal(350.50m, listed.GetProperty("price").GetProperty("amount").GetDecimal());
        Assert.Equal(5, listed.GetProperty("bufferBeforeMinutes").GetInt32());
        Assert.Equal(15, listed.GetProperty("bufferAfterMinutes").GetInt32());
        Assert.Equal(400, listed.GetProperty("loyaltyPoints").GetInt32());
        Assert.Equal(300, listed.GetProperty("repeatAfterDays").GetInt32());
    }

    [Fact]
    public async Task Staff_join_with_their_own_role_once()
    {
        var world = await BookingWorld.CreateAsync(api);
        var owner = api.Authorized(world.OwnerToken);
        var (salesId, _) = await api.SignedInAsync(UserRole.Salesperson);

        await (await owner.PostJsonAsync($"/clinics/{world.ClinicId}/staff", new { userId = salesId, role = "doctor" })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await owner.PostJsonAsync($"/clinics/{world.ClinicId}/staff", new { userId = salesId, role = "salesperson" })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await owner.PostJsonAsync($"/clinics/{world.ClinicId}/staff", new { userId = Guid.NewGuid(), role = "doctor" })).ExpectAsync(HttpStatusCode.NotFound);
        await (await owner.PostJsonAsync($"/clinics/{world.ClinicId}/staff", new { userId = world.DoctorId, role = "doctor" })).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Providers_list_the_doctors_and_the_services_each_performs()
    {
        var world = await BookingWorld.CreateAsync(api);

        await (await api.Authorized(world.OwnerToken).PutAsync($"/clinics/{world.ClinicId}/providers/{world.SecondDoctorId}/services",
            BookingWorld.JsonBody(new { serviceIds = new[] { world.ShortServiceId } }))).ExpectAsync(HttpStatusCode.OK);

        var providers = (await (await api.CreateClient().GetAsync($"/clinics/{world.ClinicId}/providers")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(2, providers.Count);
        var first = providers.Single(p => Id(p) == world.DoctorId);
        Assert.Equal(2, first.GetProperty("serviceIds").GetArrayLength());
        var second = providers.Single(p => Id(p) == world.SecondDoctorId);
        Assert.Equal([world.ShortServiceId], second.GetProperty("serviceIds").EnumerateArray().Select(s => s.GetGuid()));
        // The second doctor no longer takes the long service.
        var (_, client) = await world.NewClientAsync();
        await (await world.HoldAsync(client, BookingWorld.At(2026, 3, 3, 10), world.SecondDoctorId, world.LongServiceId)).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Working_hours_are_replaced_whole_and_overlaps_or_reversed_intervals_are_refused()
    {
        var world = await BookingWorld.CreateAsync(api);
        var secretary = api.Authorized(world.SecretaryToken);
        var path = $"/clinics/{world.ClinicId}/providers/{world.DoctorId}/working-hours";

        var week = await (await secretary.PutAsync(path, BookingWorld.JsonBody(new[]
        {
            new { dayOfWeek = 1, start = "14:00", end = "18:00" }, new { dayOfWeek = 1, start = "08:30", end = "12:00" }, new { dayOfWeek = 3, start = "10:00", end = "16:00" },
        }))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["08:30", "14:00", "10:00"], week.EnumerateArray().Select(e => e.GetProperty("start").GetString()));

        foreach (var bad in new object[]
        {
            new[] { new { dayOfWeek = 1, start = "09:00", end = "13:00" }, new { dayOfWeek = 1, start = "12:00", end = "15:00" } },
            new[] { new { dayOfWeek = 2, start = "17:00", end = "09:00" } },
            new[] { new { dayOfWeek = 8, start = "09:00", end = "17:00" } },
            new[] { new { dayOfWeek = 1, start = "9am", end = "17:00" } },
        })
            await (await secretary.PutAsync(path, BookingWorld.JsonBody(bad))).ExpectAsync(HttpStatusCode.BadRequest);

        var stored = await (await api.CreateClient().GetAsync(path)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, stored.GetArrayLength());
        await (await api.Authorized(world.DoctorToken).PutAsync(path, BookingWorld.JsonBody(Array.Empty<object>()))).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_database_refuses_overlapping_working_hours_of_one_provider()
    {
        var world = await BookingWorld.CreateAsync(api);

        var error = await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => api.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO working_hours (id, clinic_id, provider_id, day_of_week, start_time, end_time, created_at, updated_at)
            VALUES (gen_random_uuid(), {world.ClinicId}, {world.DoctorId}, 1, TIME '16:00', TIME '18:00', now(), now())
            """)));

        Assert.Equal("23P01", error.SqlState);
    }

    [Fact]
    public async Task Doctors_block_their_own_time_and_secretaries_anyone_s()
    {
        var world = await BookingWorld.CreateAsync(api);
        var slot = new { providerId = world.SecondDoctorId, start = "2026-03-10T08:00:00Z", end = "2026-03-10T10:00:00Z", reason = "conference" };

        await (await api.Authorized(world.DoctorToken).PostJsonAsync($"/clinics/{world.ClinicId}/blocked-slots", slot)).ExpectAsync(HttpStatusCode.Forbidden);
        await (await api.Authorized(world.SecretaryToken).PostJsonAsync($"/clinics/{world.ClinicId}/blocked-slots", slot)).ExpectAsync(HttpStatusCode.Created);
        await (await api.Authorized(world.DoctorToken).PostJsonAsync($"/clinics/{world.ClinicId}/blocked-slots", slot with { providerId = world.DoctorId }))
            .ExpectAsync(HttpStatusCode.Created);
        await (await api.Authorized(world.SecretaryToken).PostJsonAsync($"/clinics/{world.ClinicId}/blocked-slots", new { start = "2026-03-10T10:00:00Z", end = "2026-03-10T08:00:00Z" }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        await (await api.Authorized(world.SecretaryToken).PostJsonAsync($"/clinics/{world.ClinicId}/blocked-slots", new { providerId = Guid.NewGuid(), start = "2026-03-10T08:00:00Z", end = "2026-03-10T09:00:00Z" }))
            .ExpectAsync(HttpStatusCode.NotFound);
        var listed = await (await api.Authorized(world.OwnerToken).GetAsync($"/clinics/{world.ClinicId}/blocked-slots")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, listed.GetArrayLength());
    }

    [Fact]
    public async Task Agent_access_is_granted_to_salespeople_once_and_revoked()
    {
        var world = await BookingWorld.CreateAsync(api);
        var admin = api.Authorized(world.AdminToken);
        var (salesId, salesToken) = await api.SignedInAsync(UserRole.Salesperson);
        var (doctorId, _) = await api.SignedInAsync(UserRole.Doctor);

        await (await api.Authorized(salesToken).GetAsync($"/clinics/{world.ClinicId}/staff")).ExpectAsync(HttpStatusCode.NotFound);
        await (await admin.PostJsonAsync("/admin/agent-clinic-access", new { agentUserId = salesId, clinicId = world.ClinicId })).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PostJsonAsync("/admin/agent-clinic-access", new { agentUserId = salesId, clinicId = world.ClinicId })).ExpectAsync(HttpStatusCode.Conflict);
        await (await admin.PostJsonAsync("/admin/agent-clinic-access", new { agentUserId = doctorId, clinicId = world.ClinicId })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await admin.PostJsonAsync("/admin/agent-clinic-access", new { agentUserId = salesId, clinicId = Guid.NewGuid() })).ExpectAsync(HttpStatusCode.NotFound);
        await (await api.Authorized(world.OwnerToken).PostJsonAsync("/admin/agent-clinic-access", new { agentUserId = salesId, clinicId = world.ClinicId }))
            .ExpectAsync(HttpStatusCode.Forbidden);

        var staff = await (await api.Authorized(salesToken).GetAsync($"/clinics/{world.ClinicId}/staff")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, staff.GetArrayLength());

        await (await admin.DeleteAsync($"/admin/agent-clinic-access/{salesId}/{world.ClinicId}")).ExpectAsync(HttpStatusCode.NoContent);
        await (await admin.DeleteAsync($"/admin/agent-clinic-access/{salesId}/{world.ClinicId}")).ExpectAsync(HttpStatusCode.NotFound);
        await (await api.Authorized(salesToken).GetAsync($"/clinics/{world.ClinicId}/staff")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_salesperson_books_for_a_client_only_in_clinics_it_has_access_to()
    {
        var world = await BookingWorld.CreateAsync(api);
        var (salesId, salesToken) = await api.SignedInAsync(UserRole.Salesperson);
        var (clientId, _) = await world.NewClientAsync();
        var booking = new { clinicId = world.ClinicId, serviceId = world.ShortServiceId, providerId = world.DoctorId, start = "2026-03-04T08:00:00Z", clientId };

        await (await api.Authorized(salesToken).PostJsonAsync("/appointments", booking)).ExpectAsync(HttpStatusCode.Forbidden);
        await (await api.Authorized(world.AdminToken).PostJsonAsync("/admin/agent-clinic-access", new { agentUserId = salesId, clinicId = world.ClinicId })).ExpectAsync(HttpStatusCode.Created);
        await (await api.Authorized(salesToken).PostJsonAsync("/appointments", booking)).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_clinic_owner_creates_doctors_and_secretaries_for_its_own_clinic_only()
    {
        var mine = await BookingWorld.CreateAsync(api);
        var theirs = await BookingWorld.CreateAsync(api);
        var owner = api.Authorized(mine.OwnerToken);
        object NewStaff(string role, Guid? clinicId) => new
        {
            email = Http.UniqueEmail(role), password = Http.Password, firstName = "New", lastName = "Staff", role, clinicId,
        };

        var doctor = await (await owner.PostJsonAsync("/admin/users", NewStaff("doctor", mine.ClinicId))).ExpectAsync(HttpStatusCode.Created);
        var providers = await (await api.CreateClient().GetAsync($"/clinics/{mine.ClinicId}/providers")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(providers.EnumerateArray(), p => Id(p) == Id(doctor));

        await (await owner.PostJsonAsync("/admin/users", NewStaff("doctor", theirs.ClinicId))).ExpectAsync(HttpStatusCode.Forbidden);
        await (await owner.PostJsonAsync("/admin/users", NewStaff("doctor", null))).ExpectAsync(HttpStatusCode.Forbidden);
        await (await owner.PostJsonAsync("/admin/users", NewStaff("admin", mine.ClinicId))).ExpectAsync(HttpStatusCode.BadRequest);
        await (await api.Authorized(mine.AdminToken).PostJsonAsync("/admin/users", NewStaff("secretariat", Guid.NewGuid()))).ExpectAsync(HttpStatusCode.BadRequest);
    }
}
