using Microsoft.AspNetCore.SignalR;

namespace MedAesthetics.Api.Modules.Notifications.Channels;

/// <summary>
/// The inbox entry is written with the notification; this channel tells the user's open connections of the hub at
/// /hubs/notifications about it: "notification" with the new item and "unreadCount" with the new count.
/// </summary>
public sealed class InAppChannel(IHubContext<NotificationsHub> hub, InboxQueries inbox) : INotificationChannel
{
    public const string NotificationMethod = "notification";
    public const string UnreadCountMethod = "unreadCount";

    public NotificationChannel Channel => NotificationChannel.InApp;

    public string? Unconfigured => null;

    public string? CannotReach(Recipient recipient) => null;

    public async Task<SendResult> SendAsync(OutgoingMessage message, Recipient recipient, CancellationToken cancellationToken)
    {
        var user = hub.Clients.User(recipient.UserId.ToString());
        var item = await inbox.FindAsync(recipient.UserId, message.NotificationId, cancellationToken);
        if (item is not null)
            await user.SendAsync(NotificationMethod, item, cancellationToken);
        await user.SendAsync(UnreadCountMethod, new UnreadCountResponse(await inbox.UnreadCountAsync(recipient.UserId, cancellationToken)), cancellationToken);
        return SendResult.Sent;
    }
}
