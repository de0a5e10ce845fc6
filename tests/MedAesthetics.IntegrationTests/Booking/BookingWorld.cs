using System.Net;
using System.Text.Json;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Infrastructure;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Booking;

/// <summary>The API for calendar tests: access tokens live 90 days, so a test may move the clock across days without signing in again.</summary>
public sealed class BookingApi : ApiFactory
{
    public BookingApi() => With("JWT_EXPIRATION", "90d");
}

/// <summary>
/// A clinic built over HTTP for booking tests: Europe/Athens, an owner, a secretary, two doctors working
/// Monday to Saturday 09:00-17:00 local, a 60-minute service with 15-minute buffers after, a 30-minute one without.
/// The fake clock starts Monday 2026-03-02 08:00Z (10:00 in Athens).
/// </summary>
public sealed class BookingWorld
{
    public required ApiFactory Api { get; init; }
    public required Guid ClinicId { get; init; }
    public required string AdminToken { get; init; }
    public required string OwnerToken { get; init; }
    public required string SecretaryToken { get; init; }
    public required Guid DoctorId { get; init; }
    public required string DoctorToken { get; init; }
    public required Guid SecondDoctorId { get; init; }
    /// <summary>60 minutes, 0 before, 15 after, 120.00 EUR.</summary>
    public required Guid LongServiceId { get; init; }
    /// <summary>30 minutes, no buffers, 80.00 EUR.</summary>
    public required Guid ShortServiceId { get; init; }

    public static readonly DateTimeZone Athens = DateTimeZoneProviders.Tzdb["Europe/Athens"];

    /// <summary>The instant of a local Athens time.</summary>
    public static Instant At(int year, int month, int day, int hour, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneLeniently(Athens).ToInstant();

    public static string Iso(Instant instant) => NodaTime.Text.InstantPattern.ExtendedIso.Format(instant);

    public static async Task<BookingWorld> CreateAsync(ApiFactory api, string timezone = "Europe/Athens")
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var (ownerId, owner) = await api.SignedInAsync(UserRole.ClinicOwner);
        var adminClient = api.Authorized(admin);
        var clinic = await (await adminClient.PostJsonAsync("/clinics", new { name = $"Clinic {Guid.NewGuid():N}"[..20], timezone, ownerId, countryCode = "GR" }))
            .ExpectAsync(HttpStatusCode.Created);
        var clinicId = clinic.GetProperty("id").GetGuid();
        var ownerClient = api.Authorized(owner);

        async Task<Guid> Service(string name, int minutes, int after, decimal price) =>
            (await (await ownerClient.PostJsonAsync($"/clinics/{clinicId}/services", new
            {
                name, durationMinutes = minutes, price = new { amount = price, currency = "EUR" }, bufferAfterMinutes = after, repeatAfterDays = 150,
            })).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var longService = await Service("Laser session", 60, 15, 120m);
        var shortService = await Service("Botox", 30, 0, 80m);

        async Task<(Guid Id, string Token)> Staff(UserRole role)
        {
            var (id, token) = await api.SignedInAsync(role);
            await (await ownerClient.PostJsonAsync($"/clinics/{clinicId}/staff", new { userId = id, role = role.Name() })).ExpectAsync(HttpStatusCode.Created);
            return (id, token);
        }
        var doctor = await Staff(UserRole.Doctor);
        var second = await Staff(UserRole.Doctor);
        var (_, secretary) = await Staff(UserRole.Secretariat);

        var week = Enumerable.Range(1, 6).Select(d => new { dayOfWeek = d, start = "09:00", end = "17:00" }).ToArray();
        foreach (var providerId in new[] { doctor.Id, second.Id })
            await (await api.Authorized(secretary).PutAsync($"/clinics/{clinicId}/providers/{providerId}/working-hours", JsonBody(week)))
                .ExpectAsync(HttpStatusCode.OK);

        return new BookingWorld
        {
            Api = api, ClinicId = clinicId, AdminToken = admin, OwnerToken = owner, SecretaryToken = secretary,
            DoctorId = doctor.Id, DoctorToken = doctor.Token, SecondDoctorId = second.Id, LongServiceId = longService, ShortServiceId = shortService,
        };
    }

    public static StringContent JsonBody(object body) =>
        new(JsonSerializer.Serialize(body, MedAesthetics.Api.Platform.Http.ApiJson.Options), System.Text.Encoding.UTF8, "application/json");

    public async Task<(Guid Id, string Token)> NewClientAsync()
    {
        var tokens = await Api.RegisterAsync();
        return (tokens.GetProperty("user").GetProperty("id").GetGuid(), tokens.AccessToken());
    }

    public Task<HttpResponseMessage> HoldAsync(string token, Instant start, Guid? providerId = null, Guid? serviceId = null) =>
        Api.Authorized(token).PostJsonAsync("/appointments/hold", new
        {
            clinicId = ClinicId, serviceId = serviceId ?? LongServiceId, providerId = providerId ?? DoctorId, start = Iso(start),
        });

    /// <summary>Holds and confirms as the client; returns the appointment.</summary>
    public async Task<JsonElement> BookAsync(string clientToken, Instant start, Guid? providerId = null, Guid? serviceId = null)
    {
        var hold = await (await HoldAsync(clientToken, start, providerId, serviceId)).ExpectAsync(HttpStatusCode.Created);
        return await (await Api.Authorized(clientToken).PostJsonAsync("/appointments", new { holdId = hold.GetProperty("holdId").GetGuid() }))
            .ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>Books straight away as the clinic's secretary (no hold), for a client.</summary>
    public Task<HttpResponseMessage> StaffBookAsync(Guid clientId, Instant start, Guid? providerId = null, Guid? serviceId = null, object? recurrence = null) =>
        Api.Authorized(SecretaryToken).PostJsonAsync("/appointments", new
        {
            clinicId = ClinicId, serviceId = serviceId ?? LongServiceId, providerId = providerId ?? DoctorId, start = Iso(start), clientId, recurrence,
        });
}
