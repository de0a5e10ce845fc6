using Hangfire;
using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Booking;

/// <summary>Marks holds past their expiry as expired (every minute). Taking a slot also releases expired holds it overlaps, so this only tidies.</summary>
public sealed class ExpireHoldsJob(AppDbContext db, IClock clock) : IRecurringJob
{
    public static string Id => "expire-holds";
    public static string Schedule => Cron.Minutely();

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        return await db.Set<Appointment>()
            .Where(a => a.Status == AppointmentStatus.Held && a.HoldExpiresAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AppointmentStatus.Expired).SetProperty(a => a.UpdatedAt, now), cancellationToken);
    }
}
