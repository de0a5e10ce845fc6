using NodaTime;

namespace MedAesthetics.Api.Modules.Notifications;

/// <summary>When a channel may deliver (NotBefore), or why it will not (SkipReason).</summary>
public sealed record ChannelPlan(NotificationChannel Channel, Instant NotBefore, string? SkipReason);

/// <summary>What the planner knows of one recipient and one message.</summary>
public sealed record PlanInput(
    IReadOnlyCollection<NotificationChannel> Channels,
    NotificationPreferences Preferences,
    bool Urgent,
    bool Marketing,
    bool MarketingConsent,
    Instant Now,
    DateTimeZone Zone,
    LocalTime QuietStart,
    LocalTime QuietEnd,
    Func<NotificationChannel, string?> Unavailable);

/// <summary>
/// Pure rules of DOMAIN.md "Notifications": marketing needs consent; a channel the user switched off, an unconfigured
/// channel or a recipient without an address there is skipped with the reason; quiet hours delay non-urgent channels,
/// never the in-app one.
/// </summary>
public static class DeliveryPlanner
{
    public const string NoMarketingConsent = "no marketing consent";
    public const string SwitchedOff = "switched off by the user";

    public static IReadOnlyList<ChannelPlan> Plan(PlanInput input) =>
        input.Channels.Distinct().Order().Select(channel => PlanOne(channel, input)).ToList();

    private static ChannelPlan PlanOne(NotificationChannel channel, PlanInput input)
    {
        if (input.Marketing && !input.MarketingConsent)
            return new ChannelPlan(channel, input.Now, NoMarketingConsent);
        if (!input.Preferences.IsOn(channel))
            return new ChannelPlan(channel, input.Now, SwitchedOff);
        if (input.Unavailable(channel) is { } reason)
            return new ChannelPlan(channel, input.Now, reason);
        var notBefore = channel == NotificationChannel.InApp || input.Urgent
            ? input.Now
            : QuietHours.NextAllowed(input.Now, input.Zone, input.QuietStart, input.QuietEnd);
        return new ChannelPlan(channel, notBefore, null);
    }
}

public static class QuietHours
{
    /// <summary>
    /// The first instant at or after now outside the quiet window [start, end) of local time in the zone; a window
    /// with start after end spans midnight (21:00-09:00), equal ends mean no quiet hours.
    /// </summary>
    public static Instant NextAllowed(Instant now, DateTimeZone zone, LocalTime start, LocalTime end)
    {
        if (start == end)
            return now;
        var local = now.InZone(zone);
        var time = local.TimeOfDay;
        var date = local.Date;
        LocalDate endDate;
        if (start < end)
        {
            if (time < start || time >= end)
                return now;
            endDate = date;
        }
        else
        {
            if (time >= end && time < start)
                return now;
            endDate = time >= start ? date.PlusDays(1) : date;
        }
        return endDate.At(end).InZoneLeniently(zone).ToInstant();
    }
}
