using System.Net;
using System.Text.Json;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Modules.Notifications;
using MedAesthetics.IntegrationTests.Booking;
using MedAesthetics.IntegrationTests.Infrastructure;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Notifications;

/// <summary>Events become inbox entries and channel deliveries: the right people, their language, the clinic's time, quiet hours, switches, consent, once.</summary>
public sealed class NotificationTriggerTests(NotificationsApi api) : IClassFixture<NotificationsApi>, IAsyncLifetime
{
    private BookingWorld _world = null!;

    public async Task InitializeAsync()
    {
        api.Clock.Reset(ApiFactory.DefaultStart);   // Monday 2026-03-02 10:00 in Athens
        _world = await BookingWorld.CreateAsync(api);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonElement> InboxItem(string token, string type)
    {
        var page = await (await api.Authorized(token).GetAsync("/notifications?pageSize=100")).ExpectAsync(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("type").GetString() == type);
    }

    private int SmsTo(string phone) => api.Providers.Requests("/sms").Count(r => NotificationsApi.Body(r).Contains(phone));

    private async Task<NotificationDelivery> SmsDelivery(Guid userId, string type)
    {
        var notification = (await api.InboxOf(userId)).Single(n => n.Type == type);
        return (await api.DeliveriesOf(userId, NotificationChannel.Sms)).Single(d => d.NotificationId == notification.Id);
    }

    private AppointmentFacts Facts(Guid clientId, Instant start) =>
        new(Guid.NewGuid(), _world.ClinicId, _world.DoctorId, clientId, _world.LongServiceId, start, start + Duration.FromHours(1), 120m, "EUR", null);

    [Fact]
    public async Task A_booking_tells_the_client_in_greek_and_the_provider_in_english_at_the_clinics_local_time()
    {
        var (_, client) = await api.ClientAsync(locale: "el", phone: "+306940000001");
        await _world.BookAsync(client, BookingWorld.At(2026, 3, 6, 10));

        await api.DeliverAsync();

        var mine = await InboxItem(client, "appointment_booked");
        Assert.Equal("Το ραντεβού επιβεβαιώθηκε", mine.GetProperty("title").GetString());
        var body = mine.GetProperty("body").GetString()!;
        Assert.Contains("6 Μαρτίου 2026", body);
        Assert.Contains("10:00", body);
        Assert.Contains("Laser session", body);
        Assert.Null(mine.GetProperty("readAt").GetString());
        Assert.False(string.IsNullOrEmpty(mine.GetProperty("data").GetProperty("appointmentId").GetString()));

        var doctors = await InboxItem(_world.DoctorToken, "appointment_booked");
        Assert.Equal("New appointment", doctors.GetProperty("title").GetString());
        Assert.Contains("Maria Georgiou booked Laser session", doctors.GetProperty("body").GetString());
        Assert.Contains("on 6 March 2026 at 10:00", doctors.GetProperty("body").GetString());
        Assert.Equal(1, SmsTo("+306940000001"));
    }

    [Fact]
    public async Task Rescheduling_and_cancelling_tell_client_and_provider_the_new_and_the_cancelled_time()
    {
        var (_, client) = await api.ClientAsync(firstName: "Eleni", lastName: "Pappa");
        var appointment = await _world.BookAsync(client, BookingWorld.At(2026, 3, 5, 10));
        var id = appointment.GetProperty("id").GetGuid();
        await (await api.Authorized(client).PatchJsonAsync($"/appointments/{id}/reschedule", new { start = BookingWorld.Iso(BookingWorld.At(2026, 3, 9, 15)) }))
            .ExpectAsync(HttpStatusCode.OK);
        await (await api.Authorized(client).PatchJsonAsync($"/appointments/{id}/cancel", new { reason = "travel" })).ExpectAsync(HttpStatusCode.OK);

        await api.DeliverAsync();

        Assert.Contains("is now on 9 March 2026 at 15:00", (await InboxItem(client, "appointment_rescheduled")).GetProperty("body").GetString());
        Assert.Contains("Eleni Pappa's Laser session", (await InboxItem(_world.DoctorToken, "appointment_rescheduled")).GetProperty("body").GetString());
        Assert.Contains("on 9 March 2026 at 15:00 is cancelled", (await InboxItem(client, "appointment_cancelled")).GetProperty("body").GetString());
        Assert.Equal("Appointment cancelled", (await InboxItem(_world.DoctorToken, "appointment_cancelled")).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Quiet_hours_hold_an_sms_until_morning_but_not_the_inbox()
    {
        api.Clock.Reset(BookingWorld.At(2026, 3, 2, 22));
        var (clientId, client) = await api.ClientAsync(phone: "+306940000002");
        await (await _world.StaffBookAsync(clientId, BookingWorld.At(2026, 3, 5, 10))).ExpectAsync(HttpStatusCode.Created);

        await api.DeliverAsync();

        await InboxItem(client, "appointment_booked");
        var sms = await SmsDelivery(clientId, "appointment_booked");
        Assert.Equal(DeliveryStatus.Queued, sms.Status);
        Assert.Equal(BookingWorld.At(2026, 3, 3, 9), sms.NextAttemptAt);
        var inApp = (await api.DeliveriesOf(clientId, NotificationChannel.InApp)).Single(d => d.NotificationId == sms.NotificationId);
        Assert.Equal(DeliveryStatus.Sent, inApp.Status);
        Assert.Equal(0, SmsTo("+306940000002"));

        api.Clock.Reset(BookingWorld.At(2026, 3, 3, 9));
        await api.RunJobAsync<NotificationDeliveryJob>();

        Assert.Equal(DeliveryStatus.Sent, (await SmsDelivery(clientId, "appointment_booked")).Status);
        Assert.Equal(1, SmsTo("+306940000002"));
    }

    [Fact]
    public async Task A_reminder_due_within_three_hours_is_urgent_and_ignores_quiet_hours()
    {
        api.Clock.Reset(BookingWorld.At(2026, 3, 2, 23));
        var (clientId, _) = await api.ClientAsync(phone: "+306940000003");
        var start = BookingWorld.At(2026, 3, 3, 1);
        await api.PublishAsync(
            new AppointmentReminderDue(Facts(clientId, start), 2, Guid.NewGuid()),
            new AppointmentReminderDue(Facts(clientId, start + Duration.FromDays(1)), 24, Guid.NewGuid()));

        await api.DeliverAsync();

        var sms = await api.DeliveriesOf(clientId, NotificationChannel.Sms);
        Assert.Equal(2, sms.Count);
        Assert.Single(sms, d => d.Status == DeliveryStatus.Sent);
        Assert.Single(sms, d => d.Status == DeliveryStatus.Queued && d.NextAttemptAt == BookingWorld.At(2026, 3, 3, 9));
    }

    [Fact]
    public async Task A_user_who_switched_sms_off_gets_no_sms_and_the_skip_is_recorded()
    {
        var (clientId, client) = await api.ClientAsync(phone: "+306940000004");
        await (await api.Authorized(client).PutAsync("/users/me/notification-preferences", BookingWorld.JsonBody(new { channels = new { sms = false } })))
            .ExpectAsync(HttpStatusCode.OK);
        await _world.BookAsync(client, BookingWorld.At(2026, 3, 6, 12));

        await api.DeliverAsync();

        var sms = await SmsDelivery(clientId, "appointment_booked");
        Assert.Equal(DeliveryStatus.Skipped, sms.Status);
        Assert.Equal(DeliveryPlanner.SwitchedOff, sms.Reason);
        Assert.Equal(0, SmsTo("+306940000004"));
        await InboxItem(client, "appointment_booked");
    }

    [Fact]
    public async Task Marketing_follows_the_consent_record_in_force_and_the_preference_switch_writes_that_record()
    {
        var (clientId, client) = await api.ClientAsync(phone: "+306940000015");
        await (await api.Authorized(client).PutAsync("/users/me/notification-preferences", BookingWorld.JsonBody(new { marketing = true }))).ExpectAsync(HttpStatusCode.OK);
        var consents = await (await api.Authorized(client).GetAsync("/users/me/consents")).ExpectAsync(HttpStatusCode.OK);
        var marketing = consents.GetProperty("inForce").EnumerateArray().Single(c => c.GetProperty("type").GetString() == "marketing");
        Assert.True(marketing.GetProperty("granted").GetBoolean());

        // Withdrawn through the GDPR consents endpoint: the switch shows it and the next marketing message is skipped.
        await (await api.Authorized(client).PostJsonAsync("/users/me/consents", new { type = "marketing", version = "2026-02", granted = false }))
            .ExpectAsync(HttpStatusCode.Created);
        var preferences = await (await api.Authorized(client).GetAsync("/users/me/notification-preferences")).ExpectAsync(HttpStatusCode.OK);
        Assert.False(preferences.GetProperty("marketing").GetBoolean());
        await api.PublishAsync(new RepeatTreatmentDue(clientId, _world.LongServiceId, _world.ClinicId, Guid.NewGuid(), api.Clock.GetCurrentInstant()));
        await api.DeliverAsync();
        var notification = (await api.InboxOf(clientId)).Single(n => n.Type == "repeat_treatment_due");
        Assert.All((await api.DeliveriesOf(clientId)).Where(d => d.NotificationId == notification.Id),
            d => Assert.Equal((DeliveryStatus.Skipped, DeliveryPlanner.NoMarketingConsent), (d.Status, d.Reason)));

        // A PUT that repeats the decision in force adds no record.
        await (await api.Authorized(client).PutAsync("/users/me/notification-preferences", BookingWorld.JsonBody(new { marketing = false }))).ExpectAsync(HttpStatusCode.OK);
        var history = await (await api.Authorized(client).GetAsync("/users/me/consents")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, history.GetProperty("history").EnumerateArray().Count(c => c.GetProperty("type").GetString() == "marketing"));
    }

    [Fact]
    public async Task A_marketing_message_without_consent_is_skipped_and_recorded_and_with_consent_is_sent()
    {
        var (clientId, client) = await api.ClientAsync(phone: "+306940000005");
        await api.PublishAsync(new RepeatTreatmentDue(clientId, _world.LongServiceId, _world.ClinicId, Guid.NewGuid(), api.Clock.GetCurrentInstant()));
        await api.DeliverAsync();

        var notification = (await api.InboxOf(clientId)).Single(n => n.Type == "repeat_treatment_due");
        var recorded = (await api.DeliveriesOf(clientId)).Where(d => d.NotificationId == notification.Id).ToList();
        Assert.Equal(3, recorded.Count);
        Assert.All(recorded, d => Assert.Equal((DeliveryStatus.Skipped, DeliveryPlanner.NoMarketingConsent), (d.Status, d.Reason)));
        var page = await (await api.Authorized(client).GetAsync("/notifications")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(page.GetProperty("items").EnumerateArray(), i => i.GetProperty("type").GetString() == "repeat_treatment_due");

        await (await api.Authorized(client).PutAsync("/users/me/notification-preferences", BookingWorld.JsonBody(new { marketing = true }))).ExpectAsync(HttpStatusCode.OK);
        await api.PublishAsync(new RepeatTreatmentDue(clientId, _world.LongServiceId, _world.ClinicId, Guid.NewGuid(), api.Clock.GetCurrentInstant()));
        await api.DeliverAsync();

        var invite = await InboxItem(client, "repeat_treatment_due");
        Assert.Equal("Time for your next treatment", invite.GetProperty("title").GetString());
        Assert.Contains("book your next Laser session", invite.GetProperty("body").GetString());
    }

    [Fact]
    public async Task A_duplicate_event_sends_nothing_twice()
    {
        var (clientId, _) = await api.ClientAsync(phone: "+306940000006");
        var booked = new AppointmentBooked(Facts(clientId, BookingWorld.At(2026, 3, 7, 11)), clientId);
        await api.PublishAsync(booked, booked);

        await api.DeliverAsync();
        await api.DeliverAsync();

        Assert.Single(await api.InboxOf(clientId), n => n.Type == "appointment_booked");
        Assert.Single(await api.InboxOf(_world.DoctorId), n => n.Type == "appointment_booked" && n.SourceKey.Contains(booked.Appointment.AppointmentId.ToString()));
        Assert.Equal(1, SmsTo("+306940000006"));
    }

    [Fact]
    public async Task Loyalty_task_and_lead_events_reach_their_people()
    {
        var (clientId, client) = await api.ClientAsync(locale: "el");
        await api.PublishAsync(
            new LoyaltyTierChanged(clientId, "silver", "gold", 1250),
            new LoyaltyPointsExpiring(clientId, Guid.NewGuid(), 80, BookingWorld.At(2026, 4, 1, 1)),
            new TaskAssigned(Guid.NewGuid(), _world.DoctorId, "Call Maria back", BookingWorld.At(2026, 3, 3, 11), null, null));

        await api.DeliverAsync();

        Assert.Contains("είστε πλέον Gold με 1250 πόντους", (await InboxItem(client, "loyalty_tier_changed")).GetProperty("body").GetString());
        Assert.Contains("80 από τους πόντους σας λήγουν στις 1 Απριλίου 2026", (await InboxItem(client, "loyalty_points_expiring")).GetProperty("body").GetString());
        Assert.Contains("Call Maria back, due 3 March 2026 at 11:00", (await InboxItem(_world.DoctorToken, "task_assigned")).GetProperty("body").GetString());
    }

    [Fact]
    public async Task A_new_user_is_welcomed_in_their_language()
    {
        var (_, client) = await api.ClientAsync(locale: "el", firstName: "Νίκος");

        await api.DeliverAsync();

        var welcome = await InboxItem(client, "welcome");
        Assert.StartsWith("Καλώς ήρθατε στο MedAesthetics, Νίκος!", welcome.GetProperty("body").GetString());
    }
}
