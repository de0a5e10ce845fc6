using System.Net;
using MedAesthetics.Api.Modules.Notifications;
using MedAesthetics.Api.Modules.Notifications.Channels;
using NodaTime;

namespace MedAesthetics.UnitTests.Notifications;

public sealed class QuietHoursTests
{
    private static readonly DateTimeZone Athens = DateTimeZoneProviders.Tzdb["Europe/Athens"];
    private static readonly LocalTime Nine = new(9, 0);
    private static readonly LocalTime TwentyOne = new(21, 0);

    private static Instant At(int day, int hour, int minute = 0) => new LocalDateTime(2026, 3, day, hour, minute).InZoneStrictly(Athens).ToInstant();

    [Theory]
    [InlineData(2, 10, 0)]
    [InlineData(2, 20, 59)]
    [InlineData(3, 9, 0)]
    public void Outside_the_window_a_message_goes_now(int day, int hour, int minute) =>
        Assert.Equal(At(day, hour, minute), QuietHours.NextAllowed(At(day, hour, minute), Athens, TwentyOne, Nine));

    [Fact]
    public void In_the_evening_a_message_waits_for_the_next_morning() =>
        Assert.Equal(At(3, 9), QuietHours.NextAllowed(At(2, 21), Athens, TwentyOne, Nine));

    [Fact]
    public void After_midnight_a_message_waits_for_the_same_morning() =>
        Assert.Equal(At(3, 9), QuietHours.NextAllowed(At(3, 2, 30), Athens, TwentyOne, Nine));

    [Fact]
    public void A_window_within_one_day_ends_the_same_day()
    {
        var lunch = QuietHours.NextAllowed(At(2, 13, 30), Athens, new LocalTime(13, 0), new LocalTime(15, 0));
        Assert.Equal(At(2, 15), lunch);
        Assert.Equal(At(2, 12), QuietHours.NextAllowed(At(2, 12), Athens, new LocalTime(13, 0), new LocalTime(15, 0)));
    }

    [Fact]
    public void Equal_ends_mean_no_quiet_hours() => Assert.Equal(At(2, 23), QuietHours.NextAllowed(At(2, 23), Athens, Nine, Nine));

    [Fact]
    public void The_morning_after_the_spring_change_is_nine_local_time()
    {
        // Clocks go forward on 29 March 2026 in Athens: 09:00 local is 06:00Z instead of 07:00Z.
        var night = new LocalDateTime(2026, 3, 28, 23, 0).InZoneStrictly(Athens).ToInstant();
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 6, 0), QuietHours.NextAllowed(night, Athens, TwentyOne, Nine));
    }
}

public sealed class DeliveryPlannerTests
{
    private static readonly DateTimeZone Athens = DateTimeZoneProviders.Tzdb["Europe/Athens"];
    private static readonly Instant Night = new LocalDateTime(2026, 3, 2, 23, 0).InZoneStrictly(Athens).ToInstant();
    private static readonly Instant Morning = new LocalDateTime(2026, 3, 3, 9, 0).InZoneStrictly(Athens).ToInstant();

    private static IReadOnlyList<ChannelPlan> Plan(
        NotificationPreferences? preferences = null, bool urgent = false, bool marketing = false, bool consent = false,
        Func<NotificationChannel, string?>? unavailable = null) =>
        DeliveryPlanner.Plan(new PlanInput(NotificationComposerChannels.All, preferences ?? NotificationPreferences.DefaultsFor(Guid.NewGuid()),
            urgent, marketing, consent, Night, Athens, new LocalTime(21, 0), new LocalTime(9, 0), unavailable ?? (_ => null)));

    private static ChannelPlan Of(IReadOnlyList<ChannelPlan> plans, NotificationChannel channel) => plans.Single(p => p.Channel == channel);

    [Fact]
    public void Quiet_hours_delay_every_channel_but_the_inbox()
    {
        var plans = Plan();
        Assert.Equal(Night, Of(plans, NotificationChannel.InApp).NotBefore);
        Assert.Equal(Morning, Of(plans, NotificationChannel.Sms).NotBefore);
        Assert.Equal(Morning, Of(plans, NotificationChannel.Push).NotBefore);
        Assert.Equal(Morning, Of(plans, NotificationChannel.Email).NotBefore);
    }

    [Fact]
    public void An_urgent_message_goes_at_once() => Assert.All(Plan(urgent: true).Where(p => p.SkipReason is null), p => Assert.Equal(Night, p.NotBefore));

    [Fact]
    public void Viber_is_off_and_the_others_on_by_default()
    {
        var plans = Plan();
        Assert.Equal(DeliveryPlanner.SwitchedOff, Of(plans, NotificationChannel.Viber).SkipReason);
        Assert.All(plans.Where(p => p.Channel != NotificationChannel.Viber), p => Assert.Null(p.SkipReason));
    }

    [Fact]
    public void Marketing_without_consent_skips_every_channel_with_consent_it_follows_the_switches()
    {
        Assert.All(Plan(marketing: true), p => Assert.Equal(DeliveryPlanner.NoMarketingConsent, p.SkipReason));
        var noSms = NotificationPreferences.DefaultsFor(Guid.NewGuid());
        noSms.Update(new Dictionary<NotificationChannel, bool> { [NotificationChannel.Sms] = false }, null, null, viberUserId: null);
        var plans = Plan(noSms, marketing: true, consent: true);
        Assert.Null(Of(plans, NotificationChannel.Email).SkipReason);
        Assert.Equal(DeliveryPlanner.SwitchedOff, Of(plans, NotificationChannel.Sms).SkipReason);
    }

    [Fact]
    public void An_unconfigured_or_unreachable_channel_is_skipped_with_its_reason()
    {
        var plans = Plan(unavailable: c => c == NotificationChannel.Sms ? "SMS is not configured" : null);
        Assert.Equal("SMS is not configured", Of(plans, NotificationChannel.Sms).SkipReason);
        Assert.Null(Of(plans, NotificationChannel.Email).SkipReason);
    }

    [Fact]
    public void The_users_own_quiet_hours_apply()
    {
        var preferences = NotificationPreferences.DefaultsFor(Guid.NewGuid());
        preferences.Update(new Dictionary<NotificationChannel, bool>(), new LocalTime(23, 30), new LocalTime(7, 0), null);
        var plans = DeliveryPlanner.Plan(new PlanInput([NotificationChannel.Sms], preferences, false, false, false, Night, Athens,
            preferences.QuietStart!.Value, preferences.QuietEnd!.Value, _ => null));
        Assert.Equal(Night, plans.Single().NotBefore);
    }
}

internal static class NotificationComposerChannels
{
    public static readonly NotificationChannel[] All = NotificationComposer.AllChannels;
}

public sealed class DeliveryRetryTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 2, 8, 0);

    private static NotificationDelivery Queued() =>
        NotificationDelivery.Plan(Guid.NewGuid(), Guid.NewGuid(), new ChannelPlan(NotificationChannel.Sms, Now, null));

    [Fact]
    public void A_retryable_failure_is_tried_three_times_with_growing_backoff_then_fails()
    {
        var delivery = Queued();
        delivery.MarkFailed("500", retryable: true, Now);
        Assert.Equal((DeliveryStatus.Queued, 1, Now + Duration.FromMinutes(1)), (delivery.Status, delivery.Attempts, delivery.NextAttemptAt));
        delivery.MarkFailed("500", retryable: true, Now);
        Assert.Equal((DeliveryStatus.Queued, 2, Now + Duration.FromMinutes(5)), (delivery.Status, delivery.Attempts, delivery.NextAttemptAt));
        delivery.MarkFailed("500", retryable: true, Now);
        Assert.Equal((DeliveryStatus.Failed, 3), (delivery.Status, delivery.Attempts));
        Assert.Equal("500", delivery.Reason);
    }

    [Fact]
    public void A_permanent_failure_fails_at_once()
    {
        var delivery = Queued();
        delivery.MarkFailed("400 bad number", retryable: false, Now);
        Assert.Equal((DeliveryStatus.Failed, 1), (delivery.Status, delivery.Attempts));
    }

    [Fact]
    public void A_skipped_plan_is_recorded_as_skipped_with_its_reason()
    {
        var delivery = NotificationDelivery.Plan(Guid.NewGuid(), Guid.NewGuid(), new ChannelPlan(NotificationChannel.Viber, Now, DeliveryPlanner.SwitchedOff));
        Assert.Equal((DeliveryStatus.Skipped, DeliveryPlanner.SwitchedOff), (delivery.Status, delivery.Reason));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, SendStatus.Sent)]
    [InlineData(HttpStatusCode.Accepted, SendStatus.Sent)]
    [InlineData(HttpStatusCode.InternalServerError, SendStatus.Failed)]
    [InlineData(HttpStatusCode.TooManyRequests, SendStatus.Failed)]
    [InlineData(HttpStatusCode.RequestTimeout, SendStatus.Failed)]
    [InlineData(HttpStatusCode.BadRequest, SendStatus.Rejected)]
    [InlineData(HttpStatusCode.Unauthorized, SendStatus.Rejected)]
    public void A_providers_status_decides_sent_retry_or_reject(HttpStatusCode status, SendStatus expected) =>
        Assert.Equal(expected, SendResult.FromStatus(status, "SMS gateway", "body").Status);
}

public sealed class NotificationTemplateTests
{
    private static readonly Dictionary<string, string> Values = new()
    {
        ["clientName"] = "Maria Georgiou", ["clinic"] = "Glow", ["service"] = "Botox", ["date"] = "6 March 2026", ["time"] = "10:00",
    };

    [Fact]
    public void Every_template_exists_in_english_and_greek()
    {
        Assert.Contains("en", NotificationTemplates.Locales);
        Assert.Contains("el", NotificationTemplates.Locales);
        foreach (var name in new[] { "welcome", "appointment_booked", "appointment_booked.provider", "appointment_rescheduled", "appointment_rescheduled.provider",
                     "appointment_cancelled", "appointment_cancelled.provider", "appointment_reminder", "loyalty_tier_changed", "loyalty_points_expiring",
                     "task_assigned", "lead_assigned", "repeat_treatment_due" })
        {
            Assert.NotNull(NotificationTemplates.Find(name, "en"));
            Assert.NotEqual(NotificationTemplates.Find(name, "en"), NotificationTemplates.Find(name, "el"));
        }
    }

    [Fact]
    public void Placeholders_are_filled_and_unknown_ones_render_empty()
    {
        var message = NotificationTemplates.Render("appointment_booked", "en", Values);
        Assert.Equal("Maria Georgiou, your Botox at Glow is confirmed for 6 March 2026 at 10:00.", message.Body);
        Assert.Equal("Hi !", NotificationTemplates.Fill("Hi {nobody}!", Values));
    }

    [Theory]
    [InlineData("de", "Appointment confirmed")]
    [InlineData("el-GR", "Το ραντεβού επιβεβαιώθηκε")]
    [InlineData("EL", "Το ραντεβού επιβεβαιώθηκε")]
    [InlineData("", "Appointment confirmed")]
    public void A_locale_without_templates_falls_back_to_english(string locale, string title) =>
        Assert.Equal(title, NotificationTemplates.Render("appointment_booked", locale, Values).Title);

    [Fact]
    public void Dates_are_written_in_the_recipients_language()
    {
        Assert.Equal("6 March 2026", NotificationTemplates.FormatDate(new LocalDate(2026, 3, 6), "en"));
        Assert.Equal("6 Μαρτίου 2026", NotificationTemplates.FormatDate(new LocalDate(2026, 3, 6), "el"));
        Assert.Equal("09:05", NotificationTemplates.FormatTime(new LocalTime(9, 5)));
    }
}
