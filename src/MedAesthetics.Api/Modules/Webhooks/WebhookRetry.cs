using NodaTime;

namespace MedAesthetics.Api.Modules.Webhooks;

/// <summary>The pure timing rules of deliveries: the backoff between tries and when a failing endpoint is disabled.</summary>
public static class WebhookRetry
{
    /// <summary>After try 1, 2, 3, 4: 1 minute, 5 minutes, 30 minutes, 2 hours (the fifth try is the last).</summary>
    public static Duration Backoff(int attempts) => attempts switch
    {
        <= 1 => Duration.FromMinutes(1),
        2 => Duration.FromMinutes(5),
        3 => Duration.FromMinutes(30),
        _ => Duration.FromHours(2),
    };

    /// <summary>An endpoint is disabled once its deliveries have been failing, without a success, for the window.</summary>
    public static bool ShouldDisable(Instant? failingSince, Instant now, int disableAfterHours) =>
        failingSince is { } since && now - since >= Duration.FromHours(disableAfterHours);
}
