using System.Text.Json;
using NodaTime;

namespace MedAesthetics.Api.Modules.Notifications;

public sealed record NotificationResponse(Guid Id, string Title, string Body, string Type, Instant? ReadAt, Instant CreatedAt, JsonElement? Data)
{
    public static NotificationResponse From(Notification n) =>
        new(n.Id, n.Title, n.Body, n.Type, n.ReadAt, n.CreatedAt, n.Data is null ? null : JsonDocument.Parse(n.Data).RootElement.Clone());
}

public sealed record UnreadCountResponse(int Count);

public sealed record SendNotificationResponse(IReadOnlyList<Guid> Ids);

public sealed record DeviceResponse(Guid Id, DevicePlatform Platform, Instant CreatedAt);

public sealed record QuietHoursResponse(string Start, string End);

public sealed record PreferencesResponse(IReadOnlyDictionary<string, bool> Channels, QuietHoursResponse QuietHours, bool Marketing, string? ViberUserId)
{
    public static PreferencesResponse From(NotificationPreferences p, bool marketingConsent, LocalTime defaultStart, LocalTime defaultEnd) => new(
        Enum.GetValues<NotificationChannel>().ToDictionary(c => Platform.Persistence.EnumColumns.ToText(c), p.IsOn),
        new QuietHoursResponse(PreferenceTimes.Format(p.QuietStart ?? defaultStart), PreferenceTimes.Format(p.QuietEnd ?? defaultEnd)),
        marketingConsent, p.ViberUserId);
}

public sealed record DeliveryResponse(
    Guid Id, Guid NotificationId, Guid UserId, NotificationChannel Channel, DeliveryStatus Status, string? Reason, int Attempts,
    Instant NextAttemptAt, Instant? SentAt, Instant CreatedAt, Instant UpdatedAt)
{
    public static DeliveryResponse From(NotificationDelivery d) =>
        new(d.Id, d.NotificationId, d.UserId, d.Channel, d.Status, d.Reason, d.Attempts, d.NextAttemptAt, d.SentAt, d.CreatedAt, d.UpdatedAt);
}
