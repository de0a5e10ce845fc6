using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Booking;

/// <summary>Holds that expired without becoming appointments carry nothing the clinic's books need; they are purged after the retention period.</summary>
public sealed class HoldRetention(AppDbContext db) : IRetentionPolicy
{
    public string Name => "expired-holds";

    public Task<int> PurgeAsync(Instant cutoff, CancellationToken cancellationToken) =>
        db.Set<Appointment>().Where(a => (a.Status == AppointmentStatus.Expired || a.Status == AppointmentStatus.Held) && a.HoldExpiresAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
}
