using System.Net;
using System.Text.Json;
using MedAesthetics.Api.Modules.Notifications;
using MedAesthetics.IntegrationTests.Booking;
using MedAesthetics.IntegrationTests.Notifications;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.IntegrationTests.Infrastructure;

/// <summary>
/// For tests that drive real API processes: a booking world built in-process on the wall clock (the processes run on
/// the system clock, so the tokens minted here must be current), an SMTP server to count emails, and the moves the
/// processes' tests share.
/// </summary>
public sealed class LiveWorld : IAsyncDisposable
{
    public const string WebhookKey = "live-webhook-key-7c21";
    public const string WelcomeSubject = "Welcome to MedAesthetics";

    /// <summary>How long a test waits for nodes' dispatchers and job servers: generous, a loaded CI machine starts processes slowly.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(240);

    public required BookingApi Setup { get; init; }
    public required BookingWorld World { get; init; }
    public required ChannelServers Providers { get; init; }

    public static async Task<LiveWorld> CreateAsync()
    {
        var setup = new BookingApi();
        await ((IAsyncLifetime)setup).InitializeAsync();
        setup.Clock.Reset(WallClock.Now);
        return new LiveWorld { Setup = setup, World = await BookingWorld.CreateAsync(setup), Providers = new ChannelServers() };
    }

    public string Database => Setup.DatabaseName;

    /// <summary>What every process of the world gets: the email channel pointed at the local SMTP server, the lead webhook key.</summary>
    public IEnumerable<(string Key, string? Value)> Settings(params (string Key, string? Value)[] more) =>
        Providers.Settings().Where(s => s.Key.StartsWith("SMTP_") || s.Key == "MAIL_FROM").Select(s => (s.Key, (string?)s.Value))
            .Append(("LEAD_WEBHOOK_KEY", WebhookKey))
            .Concat(more);

    /// <summary>Registers a client through the process and switches its quiet hours off (so email goes out at any hour); returns (id, token).</summary>
    public static async Task<(Guid Id, string Token, string Email)> RegisterClientAsync(ApiProcess api)
    {
        var email = Http.UniqueEmail("live");
        var tokens = await (await api.Client().PostJsonAsync("/auth/register", Http.RegistrationFor(email))).ExpectAsync(HttpStatusCode.Created);
        var token = tokens.AccessToken();
        await (await api.Client(token).PutAsync("/users/me/notification-preferences",
            BookingWorld.JsonBody(new { quietHours = new { start = "00:00", end = "00:00" } }))).ExpectAsync(HttpStatusCode.OK);
        return (tokens.GetProperty("user").GetProperty("id").GetGuid(), token, email);
    }

    /// <summary>Books a slot of the past (as the secretary may) through the process and completes it with 120.00 EUR paid.</summary>
    public async Task<Guid> CompleteAppointmentAsync(ApiProcess api, Guid clientId, int hoursAgo)
    {
        var secretary = api.Client(World.SecretaryToken);
        var appointment = await (await secretary.PostJsonAsync("/appointments", new
        {
            clinicId = World.ClinicId, serviceId = World.LongServiceId, providerId = World.DoctorId,
            start = BookingWorld.Iso(WallClock.HoursAgo(hoursAgo)), clientId,
        })).ExpectAsync(HttpStatusCode.Created);
        var id = appointment.GetProperty("id").GetGuid();
        await (await secretary.PatchJsonAsync($"/appointments/{id}/complete", new { amountPaid = new { amount = 120m, currency = "EUR" } }))
            .ExpectAsync(HttpStatusCode.OK);
        return id;
    }

    public static async Task<JsonElement> SendLeadAsync(ApiProcess api, Guid clinicId)
    {
        var client = api.Client();
        client.DefaultRequestHeaders.Add("X-Webhook-Key", WebhookKey);
        return await (await client.PostJsonAsync("/crm/leads", new { firstName = "Live", email = Http.UniqueEmail("lead"), source = "website", clinicId }))
            .ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>Emails the SMTP server received for the address, by subject.</summary>
    public Dictionary<string, int> MailTo(string email) =>
        Providers.Mail.Messages.Where(m => m.To.Mailboxes.Any(a => a.Address == email))
            .GroupBy(m => m.Subject ?? "").ToDictionary(g => g.Key, g => g.Count());

    /// <summary>True once no event is left to handle and none of the user's emails waits in the queue.</summary>
    public Task<bool> SettledAsync(Guid userId) => Setup.WithDbAsync(async db =>
        !await db.OutboxMessages.AnyAsync(m => m.ProcessedAt == null)
        && !await db.Set<NotificationDelivery>().AnyAsync(d => d.UserId == userId && d.Channel == NotificationChannel.Email && d.Status == DeliveryStatus.Queued));

    /// <summary>
    /// True once the user's notifications of these types were emailed and none of the user's emails is about to go (queued
    /// for the next minute). An email deferred by quiet hours does not count: the welcome of a client registered at night
    /// may be planned before the test switches its quiet hours off, and then waits for the morning.
    /// </summary>
    public Task<bool> EmailedAsync(Guid userId, params string[] types) => Setup.WithDbAsync(async db =>
    {
        var soon = WallClock.Now + NodaTime.Duration.FromMinutes(1);
        return await db.Set<Notification>().Where(n => n.UserId == userId && types.Contains(n.Type))
                   .Join(db.Set<NotificationDelivery>().Where(d => d.Channel == NotificationChannel.Email && d.Status == DeliveryStatus.Sent),
                       n => n.Id, d => d.NotificationId, (n, _) => n.Type)
                   .Distinct().CountAsync() == types.Length
               && !await db.Set<NotificationDelivery>().AnyAsync(d => d.UserId == userId && d.Channel == NotificationChannel.Email
                                                                      && d.Status == DeliveryStatus.Queued && d.NextAttemptAt <= soon);
    });

    public Task<int> EmailsSentAsync(Guid userId) => Setup.WithDbAsync(db =>
        db.Set<NotificationDelivery>().CountAsync(d => d.UserId == userId && d.Channel == NotificationChannel.Email && d.Status == DeliveryStatus.Sent));

    public async ValueTask DisposeAsync()
    {
        await ((IAsyncLifetime)Setup).DisposeAsync();
        await Providers.DisposeAsync();
    }
}
