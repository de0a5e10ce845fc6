using FluentValidation;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Settings;
using NodaTime;

namespace MedAesthetics.Api.Modules.Admin;

/// <summary>The sane range of every setting (README "Settings" lists them); a value outside answers 400 naming the field.</summary>
public sealed class PlatformSettingsValidator : AbstractValidator<PlatformSettings>
{
    public PlatformSettingsValidator()
    {
        RuleFor(s => s.DefaultTimezone).NotEmpty().Must(tz => tz is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(tz) is not null)
            .WithMessage("defaultTimezone must be an IANA time zone such as Europe/Athens.");
        RuleFor(s => s.DefaultLocale).NotEmpty().Matches("^[a-z]{2}(-[A-Z]{2})?$").WithMessage("defaultLocale must look like en or el-GR.");
        RuleFor(s => s.HoldMinutes).InclusiveBetween(1, 60);
        RuleFor(s => s.SlotStepMinutes).InclusiveBetween(5, 60).Must(step => step > 0 && 60 % step == 0).WithMessage("slotStepMinutes must divide an hour (5, 10, 15, 20, 30 or 60).");
        RuleFor(s => s.MinBookingNoticeMinutes).InclusiveBetween(0, 10_080);
        RuleFor(s => s.BookingHorizonDays).InclusiveBetween(1, 730);
        RuleFor(s => s.CancellationNoticeHours).InclusiveBetween(0, 168);
        RuleFor(s => s.MaxLiveHoldsPerClient).InclusiveBetween(1, 20);
        RuleFor(s => s.StaffBackdateDays).InclusiveBetween(0, 90);
        RuleFor(s => s.DefaultPhoneRegion).NotEmpty().Matches("^[A-Z]{2}$").WithMessage("defaultPhoneRegion must be a two-letter country code such as GR.");
        RuleFor(s => s.DuplicateWindowDays).InclusiveBetween(1, 3650);
        RuleFor(s => s.ReminderHours).NotNull().Must(h => h is { Length: >= 1 and <= 5 }).WithMessage("reminderHours must list 1 to 5 values.")
            .Must(h => h is null || h.Distinct().Count() == h.Length).WithMessage("reminderHours must not repeat a value.");
        RuleForEach(s => s.ReminderHours).InclusiveBetween(1, 168);
        RuleFor(s => s.FirstContactMinutes).InclusiveBetween(1, 1440);
        RuleFor(s => s.StaleNewLeadHours).InclusiveBetween(1, 720);
        RuleFor(s => s.StaleContactedLeadDays).InclusiveBetween(1, 90);
        RuleFor(s => s.FollowUpCallHour).InclusiveBetween(0, 23);
        RuleFor(s => s.RetentionDays).InclusiveBetween(1, 3650);
        RuleFor(s => s.PointsValidityMonths).InclusiveBetween(1, 120);
        RuleFor(s => s.RedemptionValuePer100Points).InclusiveBetween(0.01m, 1000m).PrecisionScale(8, 2, true);
        RuleFor(s => s.MinRedemptionPoints).InclusiveBetween(1, 100_000);
        RuleFor(s => s.RedemptionStepPoints).InclusiveBetween(1, 100_000);
        RuleFor(s => s).Must(s => s.RedemptionStepPoints <= 0 || s.MinRedemptionPoints % s.RedemptionStepPoints == 0)
            .WithMessage("minRedemptionPoints must be a multiple of redemptionStepPoints.").OverridePropertyName("minRedemptionPoints");
        RuleFor(s => s.ReferralBonusPoints).InclusiveBetween(0, 10_000);
        RuleFor(s => s.PointsExpiryNoticeDays).InclusiveBetween(1, 365);
        RuleFor(s => s.QuietHoursStart).Must(t => ApiTime.TryParseClockTime(t, out _)).WithMessage("quietHoursStart must be HH:mm.");
        RuleFor(s => s.QuietHoursEnd).Must(t => ApiTime.TryParseClockTime(t, out _)).WithMessage("quietHoursEnd must be HH:mm.");
        RuleFor(s => s.NotificationRetentionDays).InclusiveBetween(30, 3650);
        RuleFor(s => s.RefreshReuseGraceSeconds).InclusiveBetween(0, 60);
        RuleFor(s => s.WebhookDisableAfterHours).InclusiveBetween(1, 720);
    }
}
