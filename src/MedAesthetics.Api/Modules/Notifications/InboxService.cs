using MedAesthetics.Api.Modules.Notifications.Channels;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Notifications;

/// <summary>Marks inbox entries read; a user reaches only its own (another's id is not found). The new count goes to the user's live connections.</summary>
public sealed class InboxService(AppDbContext db, InboxQueries queries, IHubContext<NotificationsHub> hub, IClock clock)
{
    public async Task<Outcome<bool>> MarkReadAsync(Guid userId, Guid notificationId, CancellationToken ct)
    {
        var notification = await db.Set<Notification>().SingleOrDefaultAsync(n => n.Id == notificationId && n.UserId == userId && n.Visible, ct);
        if (notification is null)
            return Error.NotFound("There is no such notification.");
        if (notification.ReadAt is null)
        {
            notification.MarkRead(clock.GetCurrentInstant());
            await db.SaveChangesAsync(ct);
            await PushCountAsync(userId, ct);
        }
        return true;
    }

    public async Task<int> ReadAllAsync(Guid userId, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var changed = await db.Set<Notification>().Where(n => n.UserId == userId && n.ReadAt == null && n.Visible)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now).SetProperty(n => n.UpdatedAt, now), ct);
        if (changed > 0)
            await PushCountAsync(userId, ct);
        return changed;
    }

    private async Task PushCountAsync(Guid userId, CancellationToken ct) =>
        await hub.Clients.User(userId.ToString()).SendAsync(InAppChannel.UnreadCountMethod, new UnreadCountResponse(await queries.UnreadCountAsync(userId, ct)), ct);
}
