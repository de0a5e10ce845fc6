using System.Net;
using System.Text.Json;
using MedAesthetics.Api.Modules.Notifications;
using MedAesthetics.Api.Platform.Outbox;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.IntegrationTests.Notifications;

/// <summary>The API with every channel pointed at local providers; tokens live 90 days so tests may move the clock.</summary>
public class NotificationsApi : ApiFactory
{
    public ChannelServers Providers { get; } = new();

    public NotificationsApi()
    {
        With("JWT_EXPIRATION", "90d");
        foreach (var (key, value) in Providers.Settings())
            With(key, value);
    }

    /// <summary>Delivers the outbox (the trigger, then the enqueueing of its deliveries) and runs the delivery job as Hangfire would.</summary>
    public async Task<int> DeliverAsync()
    {
        await DrainOutboxAsync();
        await DrainOutboxAsync();
        return await RunJobAsync<NotificationDeliveryJob>();
    }

    public Task PublishAsync(params IIntegrationEvent[] events) => WithDbAsync(async db =>
    {
        foreach (var e in events)
            db.Publish(e);
        await db.SaveChangesAsync();
    });

    public Task<List<Notification>> InboxOf(Guid userId) =>
        WithDbAsync(db => db.Set<Notification>().AsNoTracking().Where(n => n.UserId == userId).OrderBy(n => n.CreatedAt).ThenBy(n => n.Type).ToListAsync());

    public Task<List<NotificationDelivery>> DeliveriesOf(Guid userId, NotificationChannel? channel = null) =>
        WithDbAsync(db => db.Set<NotificationDelivery>().AsNoTracking()
            .Where(d => d.UserId == userId && (channel == null || d.Channel == channel)).OrderBy(d => d.CreatedAt).ToListAsync());

    /// <summary>Registers a client with a phone and locale over HTTP; returns its id and access token.</summary>
    public async Task<(Guid Id, string Token)> ClientAsync(string locale = "en", string? phone = null, string firstName = "Maria", string lastName = "Georgiou")
    {
        var tokens = await (await CreateClient().PostJsonAsync("/auth/register", new
        {
            email = Http.UniqueEmail(), password = Http.Password, firstName, lastName, acceptTerms = true, locale, phone, timezone = "Europe/Athens",
        })).ExpectAsync(HttpStatusCode.Created);
        return (tokens.GetProperty("user").GetProperty("id").GetGuid(), tokens.AccessToken());
    }

    protected override ValueTask DisposeExtrasAsync() => Providers.DisposeAsync();

    public static string Body(WireMock.Logging.ILogEntry entry) => entry.RequestMessage.Body ?? "";

    public static JsonElement Json(WireMock.Logging.ILogEntry entry) => JsonDocument.Parse(Body(entry)).RootElement.Clone();
}
