using MedAesthetics.Api.Platform.Outbox;
using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Platform.Jobs;

/// <summary>The day points expiry is due; the Loyalty module's handler expires what is older than the validity.</summary>
public sealed record PointsExpiryDue(LocalDate Day) : IIntegrationEvent;

/// <summary>The day clients should hear that points expire within 30 days; the Loyalty module's handler sends the notices.</summary>
public sealed record ExpiringPointsNoticesDue(LocalDate Day) : IIntegrationEvent;

/// <summary>Daily: raises PointsExpiryDue through the outbox, so expiry runs once per day whichever node fires it.</summary>
public sealed class PointsExpiryJob(AppDbContext db, IClock clock) : IRecurringJob
{
    public static string Id => "points-expiry";
    public static string Schedule => "15 2 * * *";

    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        db.Publish(new PointsExpiryDue(clock.GetCurrentInstant().InUtc().Date));
        return await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Daily: raises ExpiringPointsNoticesDue through the outbox.</summary>
public sealed class ExpiringPointsNoticesJob(AppDbContext db, IClock clock) : IRecurringJob
{
    public static string Id => "expiring-points-notices";
    public static string Schedule => "0 9 * * *";

    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        db.Publish(new ExpiringPointsNoticesDue(clock.GetCurrentInstant().InUtc().Date));
        return await db.SaveChangesAsync(cancellationToken);
    }
}
