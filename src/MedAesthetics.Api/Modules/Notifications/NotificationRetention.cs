using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Notifications;

/// <summary>Notifications (with their delivery records) older than NotificationRetentionDays (365) are purged; the general cutoff does not apply.</summary>
public sealed class NotificationRetention(AppDbContext db, IPlatformSettings platformSettings, IClock clock) : IRetentionPolicy
{
    public string Name => "notifications";

    public async Task<int> PurgeAsync(Instant cutoff, CancellationToken cancellationToken)
    {
        var settings = await platformSettings.GetAsync(cancellationToken);
        var before = clock.GetCurrentInstant() - Duration.FromDays(settings.NotificationRetentionDays);
        return await db.Set<Notification>().Where(n => n.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
