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
    /// One index-only scan of the partial index ix_notifications_unread. Compiled once: an inbox badge polls it, and a
    /// compiled query skips EF's per-call lookup of the query in its cache.
    /// </summary>
    public Task<int> UnreadCountAsync(Guid userId, CancellationToken ct) => UnreadCount(db, userId, ct);

    private static readonly Func<AppDbContext, Guid, CancellationToken, Task<int>> UnreadCount =
        EF.CompileAsyncQuery((AppDbContext db, Guid userId, CancellationToken ct) =>
            db.Set<Notification>().Count(n => n.UserId == userId && n.ReadAt == null && n.Visible));

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
