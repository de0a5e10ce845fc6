using System.Text.Json;
using MedAesthetics.Api.Modules.Notifications.Channels;
using MedAesthetics.Api.Platform.Outbox;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Notifications;

/// <summary>
/// A message to write for one user. Either a template (rendered in the recipient's locale, with {date} and {time}
/// of At in Zone, the clinic's, or else the recipient's own) or a ready title and body. SourceKey names what caused it: a user gets one notification
/// per key, so a repeated event or a second handler run adds nothing.
/// </summary>
public sealed record NotificationDraft(
    Guid UserId,
    string Type,
    string SourceKey,
    IReadOnlyCollection<NotificationChannel> Channels,
    string? Template = null,
    IReadOnlyDictionary<string, string>? Values = null,
    Instant? At = null,
    DateTimeZone? Zone = null,
    RenderedMessage? Text = null,
    string? Data = null,
    bool Urgent = false,
    bool Marketing = false);

/// <summary>A delivery waiting for the job: the handler of this event enqueues it in Hangfire once the notification is committed.</summary>
public sealed record QueuedDelivery(Guid DeliveryId, Instant NotBefore);

public sealed record NotificationsQueued(IReadOnlyList<QueuedDelivery> Deliveries) : IIntegrationEvent;

/// <summary>
/// Writes notifications: the inbox entry and one delivery record per channel (queued, or skipped with the reason), in
/// the caller's unit of work, and publishes NotificationsQueued in it so that the sending jobs are enqueued only after
/// the commit, never inside the request.
/// </summary>
public sealed class NotificationComposer(AppDbContext db, RecipientDirectory recipients, IEnumerable<INotificationChannel> channels, IPlatformSettings platformSettings, IClock clock)
{
    public static readonly NotificationChannel[] AllChannels = Enum.GetValues<NotificationChannel>();
    public static readonly NotificationChannel[] ExceptText = [NotificationChannel.InApp, NotificationChannel.Push, NotificationChannel.Email];
    public static readonly NotificationChannel[] Staff = [NotificationChannel.InApp, NotificationChannel.Push];
    public static readonly NotificationChannel[] Welcome = [NotificationChannel.InApp, NotificationChannel.Email];

    /// <returns>The notification of each draft (an earlier one when its key was already used); users that do not exist are left out.</returns>
    public async Task<IReadOnlyList<Guid>> WriteAsync(IReadOnlyList<NotificationDraft> drafts, CancellationToken ct)
    {
        if (drafts.Count == 0)
            return [];
        var settings = await platformSettings.GetAsync(ct);
        PreferenceTimes.TryParse(settings.QuietHoursStart, out var quietStart);
        PreferenceTimes.TryParse(settings.QuietHoursEnd, out var quietEnd);
        var profiles = await recipients.LoadAsync(drafts.Select(d => d.UserId).Distinct().ToList(), ct);
        var byChannel = channels.ToDictionary(c => c.Channel);
        var now = clock.GetCurrentInstant();
        var ids = new List<Guid>();
        var queued = new List<QueuedDelivery>();

        foreach (var draft in drafts)
        {
            if (!profiles.TryGetValue(draft.UserId, out var profile) || !profile.Recipient.IsActive)
                continue;
            var existing = await db.Set<Notification>().Where(n => n.UserId == draft.UserId && n.SourceKey == draft.SourceKey)
                .Select(n => (Guid?)n.Id).FirstOrDefaultAsync(ct);
            if (existing is { } earlier)
            {
                ids.Add(earlier);
                continue;
            }

            var recipient = profile.Recipient;
            var message = draft.Text ?? NotificationTemplates.Render(draft.Template!, recipient.Locale, ValuesFor(draft, profile, settings.DefaultTimezone));
            var plans = DeliveryPlanner.Plan(new PlanInput(
                draft.Channels, profile.Preferences, draft.Urgent, draft.Marketing, profile.MarketingConsent, now, ZoneOf(recipient.Timezone, settings.DefaultTimezone),
                profile.Preferences.QuietStart ?? quietStart, profile.Preferences.QuietEnd ?? quietEnd,
                channel => byChannel.TryGetValue(channel, out var c) ? c.Unconfigured ?? c.CannotReach(recipient) : "no such channel"));
            var visible = !(draft.Marketing && !profile.MarketingConsent);
            var notification = Notification.Create(draft.UserId, draft.Type, message, draft.Data, draft.Urgent, draft.Marketing, visible, draft.SourceKey);
            db.Set<Notification>().Add(notification);
            foreach (var plan in plans)
            {
                var delivery = NotificationDelivery.Plan(notification.Id, draft.UserId, plan);
                db.Set<NotificationDelivery>().Add(delivery);
                if (delivery.Status == DeliveryStatus.Queued)
                    queued.Add(new QueuedDelivery(delivery.Id, delivery.NextAttemptAt));
            }
            ids.Add(notification.Id);
        }

        if (queued.Count > 0)
            db.Publish(new NotificationsQueued(queued));
        return ids;
    }

    private static IReadOnlyDictionary<string, string> ValuesFor(NotificationDraft draft, RecipientProfile profile, string defaultTimezone)
    {
        var values = new Dictionary<string, string>(draft.Values ?? new Dictionary<string, string>())
        {
            ["firstName"] = profile.FirstName,
        };
        values.TryAdd("clientName", profile.FullName);
        if (draft.At is { } at)
        {
            var local = at.InZone(draft.Zone ?? ZoneOf(profile.Recipient.Timezone, defaultTimezone)).LocalDateTime;
            values["date"] = NotificationTemplates.FormatDate(local.Date, profile.Recipient.Locale);
            values["time"] = NotificationTemplates.FormatTime(local.TimeOfDay);
        }
        return values;
    }

    public static DateTimeZone ZoneOf(string? timezone, string fallback) =>
        (timezone is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(timezone)) ?? DateTimeZoneProviders.Tzdb.GetZoneOrNull(fallback) ?? DateTimeZone.Utc;

    public static string DataOf(object values) => JsonSerializer.Serialize(values, Platform.Http.ApiJson.Options);
}
