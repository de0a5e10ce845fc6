using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Notifications;

/// <summary>Reads of the inbox and of the delivery records.</summary>
public sealed class InboxQueries(AppDbContext db)
{
    public async Task<PageOf<NotificationResponse>> ListAsync(Guid userId, NotificationListQuery query, CancellationToken ct)
    {
        var list = db.Set<Notification>().AsNoTracking().Where(n => n.UserId == userId && n.Visible);
        if (query.UnreadOnly is true)
            list = list.Where(n => n.ReadAt == null);
        var page = await list.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).ToPageAsync(query.Paging, ct);
        return page.Map(NotificationResponse.From);
    }

    /// <summary>
    /// One primary-key lookup of <c>notification_unread_counts</c>, which triggers on <c>notifications</c> keep (migration
    /// UnreadCounts): an inbox badge polls this, and the in-app channel sends it with every new notification, so it must
    /// not grow with the inbox. Run on the context's connection (and transaction, if one is open) as a plain command.
    /// </summary>
    public Task<int> UnreadCountAsync(Guid userId, CancellationToken ct) =>
        db.Database.ScalarAsync("SELECT unread FROM notification_unread_counts WHERE user_id = $1", 0, ct, userId);

    public async Task<NotificationResponse?> FindAsync(Guid userId, Guid notificationId, CancellationToken ct) =>
        await db.Set<Notification>().AsNoTracking().Where(n => n.Id == notificationId && n.UserId == userId && n.Visible)
            .Select(n => n).SingleOrDefaultAsync(ct) is { } found ? NotificationResponse.From(found) : null;

    public async Task<PageOf<DeliveryResponse>> DeliveriesAsync(DeliveryListQuery query, CancellationToken ct)
    {
        var list = db.Set<NotificationDelivery>().AsNoTracking();
        if (query.StatusFilter is { } status) list = list.Where(d => d.Status == status);
        if (query.ChannelFilter is { } channel) list = list.Where(d => d.Channel == channel);
        if (query.UserId is { } user) list = list.Where(d => d.UserId == user);
        var page = await list.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).ToPageAsync(query.Paging, ct);
        return page.Map(DeliveryResponse.From);
    }
}
