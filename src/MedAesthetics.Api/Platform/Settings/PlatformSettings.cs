using MedAesthetics.Api.Platform.Http;

namespace MedAesthetics.Api.Platform.Settings;

/// <summary>
/// Platform settings of docs/rules.md that the modules built so far read. Defaults come from configuration
/// (section "Platform"); the Admin module will make them editable through /admin/settings.
/// </summary>
public sealed record PlatformSettings
{
    public string DefaultTimezone { get; init; } = "Europe/Athens";
    public string DefaultLocale { get; init; } = "en";

    public int HoldMinutes { get; init; } = 10;
    public int SlotStepMinutes { get; init; } = 15;
    public int MinBookingNoticeMinutes { get; init; } = 120;
    public int BookingHorizonDays { get; init; } = 90;
    public int CancellationNoticeHours { get; init; } = 24;
    public int MaxLiveHoldsPerClient { get; init; } = 3;
    /// <summary>How far back staff may enter a walk-in or back-office booking.</summary>
    public int StaffBackdateDays { get; init; } = 7;

    /// <summary>Region for phone numbers written without a country code, when the lead's clinic has no country.</summary>
    public string DefaultPhoneRegion { get; init; } = "GR";
    public int DuplicateWindowDays { get; init; } = 90;

    /// <summary>Hours before an appointment at which its client is reminded.</summary>
    public int[] ReminderHours { get; init; } = [24, 2];
    public int FirstContactMinutes { get; init; } = 15;
    public int StaleNewLeadHours { get; init; } = 24;
    public int StaleContactedLeadDays { get; init; } = 3;
    /// <summary>Local hour of the day-after satisfaction call and of "time to rebook" tasks.</summary>
    public int FollowUpCallHour { get; init; } = 10;
    public int RetentionDays { get; init; } = 30;

    /// <summary>Months after which earned points expire.</summary>
    public int PointsValidityMonths { get; init; } = 12;
    /// <summary>Discount, in EUR, that 100 redeemed points are worth.</summary>
    public decimal RedemptionValuePer100Points { get; init; } = 5.00m;
    public int MinRedemptionPoints { get; init; } = 100;
    public int RedemptionStepPoints { get; init; } = 100;
    /// <summary>Points the referrer and the referred client each earn at the referred client's first completed appointment.</summary>
    public int ReferralBonusPoints { get; init; } = 50;
    /// <summary>How many days before points expire the client is told.</summary>
    public int PointsExpiryNoticeDays { get; init; } = 30;

    /// <summary>Quiet hours in the recipient's timezone, during which non-urgent channels wait (the inbox never does).</summary>
    [TextFormat(TextFormatAttribute.ClockTime)] public string QuietHoursStart { get; init; } = "21:00";
    [TextFormat(TextFormatAttribute.ClockTime)] public string QuietHoursEnd { get; init; } = "09:00";
    public int NotificationRetentionDays { get; init; } = 365;

    /// <summary>Seconds after a refresh in which presenting the just-spent refresh token again returns the same new pair instead of revoking the family; 0 = strict.</summary>
    public int RefreshReuseGraceSeconds { get; init; }

    /// <summary>Hours of failed deliveries without a success after which an outgoing webhook endpoint is disabled.</summary>
    public int WebhookDisableAfterHours { get; init; } = 24;
}

public interface IPlatformSettings
{
    ValueTask<PlatformSettings> GetAsync(CancellationToken cancellationToken);
}

public sealed class ConfiguredPlatformSettings(IConfiguration configuration) : IPlatformSettings
{
    private readonly PlatformSettings _settings = Read(configuration);

    private static PlatformSettings Read(IConfiguration configuration)
    {
        var settings = configuration.GetSection("Platform").Get<PlatformSettings>() ?? new PlatformSettings();
        // The binder appends configured array items to the default ones; a configured list replaces the default instead.
        var reminderHours = configuration.GetSection("Platform:ReminderHours").Get<int[]>();
        return reminderHours is { Length: > 0 } ? settings with { ReminderHours = reminderHours } : settings;
    }

    public ValueTask<PlatformSettings> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_settings);
}
