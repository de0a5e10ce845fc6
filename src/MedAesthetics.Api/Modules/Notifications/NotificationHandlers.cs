using System.Globalization;
using Hangfire;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Outbox;
using NodaTime;

namespace MedAesthetics.Api.Modules.Notifications;

/// <summary>Writes the client's and the provider's notices of an appointment, with the clinic's local date and time.</summary>
public sealed class AppointmentNotices(NotificationComposer composer, IClinicDirectory clinics, IUserDirectory users)
{
    public async Task WriteAsync(string type, AppointmentFacts appointment, string sourceKey, bool toProvider, bool urgent, CancellationToken ct)
    {
        var clinic = await clinics.FindClinicAsync(appointment.ClinicId, ct);
        var service = await clinics.FindServiceAsync(appointment.ServiceId, ct);
        var client = await users.FindAsync(appointment.ClientId, ct);
        var values = new Dictionary<string, string>
        {
            ["clientName"] = client is null ? "" : $"{client.FirstName} {client.LastName}".Trim(),
            ["clinic"] = clinic?.Name ?? "",
            ["service"] = service?.Name ?? "",
        };
        var zone = NotificationComposer.ZoneOf(clinic?.Timezone, "UTC");
        var data = NotificationComposer.DataOf(new Dictionary<string, string>
        {
            ["appointmentId"] = appointment.AppointmentId.ToString(),
            ["clinicId"] = appointment.ClinicId.ToString(),
            ["start"] = NodaTime.Text.InstantPattern.ExtendedIso.Format(appointment.Start),
        });
        var drafts = new List<NotificationDraft>
        {
            new(appointment.ClientId, type, $"{type}:{sourceKey}", NotificationComposer.AllChannels, type, values, appointment.Start, zone, Data: data, Urgent: urgent),
        };
        if (toProvider)
            drafts.Add(new(appointment.ProviderId, type, $"{type}.provider:{sourceKey}", NotificationComposer.Staff, $"{type}.provider", values, appointment.Start, zone, Data: data));
        await composer.WriteAsync(drafts, ct);
    }
}

public sealed class WelcomeOnUserRegistered(NotificationComposer composer) : IntegrationEventHandler<UserRegistered>
{
    protected override Task HandleAsync(UserRegistered e, EventContext context, CancellationToken ct) =>
        composer.WriteAsync([new NotificationDraft(e.UserId, "welcome", "welcome", NotificationComposer.Welcome, "welcome")], ct);
}

public sealed class NotifyAppointmentBooked(AppointmentNotices notices) : IntegrationEventHandler<AppointmentBooked>
{
    protected override Task HandleAsync(AppointmentBooked e, EventContext context, CancellationToken ct) =>
        notices.WriteAsync("appointment_booked", e.Appointment, e.Appointment.AppointmentId.ToString(), toProvider: true, urgent: false, ct);
}

public sealed class NotifyAppointmentRescheduled(AppointmentNotices notices) : IntegrationEventHandler<AppointmentRescheduled>
{
    protected override Task HandleAsync(AppointmentRescheduled e, EventContext context, CancellationToken ct) =>
        notices.WriteAsync("appointment_rescheduled", e.Appointment, $"{e.Appointment.AppointmentId}:{e.Appointment.Start.ToUnixTimeSeconds()}", toProvider: true, urgent: false, ct);
}

public sealed class NotifyAppointmentCancelled(AppointmentNotices notices) : IntegrationEventHandler<AppointmentCancelled>
{
    protected override Task HandleAsync(AppointmentCancelled e, EventContext context, CancellationToken ct) =>
        notices.WriteAsync("appointment_cancelled", e.Appointment, e.Appointment.AppointmentId.ToString(), toProvider: true, urgent: false, ct);
}

/// <summary>A reminder due within 3 hours of the start is urgent: quiet hours do not hold it back.</summary>
public sealed class NotifyAppointmentReminder(AppointmentNotices notices) : IntegrationEventHandler<AppointmentReminderDue>
{
    public const int UrgentWithinHours = 3;

    protected override Task HandleAsync(AppointmentReminderDue e, EventContext context, CancellationToken ct) =>
        notices.WriteAsync("appointment_reminder", e.Appointment, e.ReminderId.ToString(), toProvider: false, urgent: e.HoursBefore <= UrgentWithinHours, ct);
}

public sealed class NotifyLoyaltyTierChanged(NotificationComposer composer) : IntegrationEventHandler<LoyaltyTierChanged>
{
    protected override Task HandleAsync(LoyaltyTierChanged e, EventContext context, CancellationToken ct) =>
        composer.WriteAsync([new NotificationDraft(e.ClientId, "loyalty_tier_changed", $"loyalty_tier_changed:{context.EventId}", NotificationComposer.ExceptText,
            "loyalty_tier_changed", new Dictionary<string, string>
            {
                ["tier"] = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(e.NewTier.Replace('_', ' ')),
                ["points"] = e.TrailingPoints.ToString(CultureInfo.InvariantCulture),
            }, Data: NotificationComposer.DataOf(new { tier = e.NewTier, previousTier = e.PreviousTier }))], ct);
}

public sealed class NotifyLoyaltyPointsExpiring(NotificationComposer composer) : IntegrationEventHandler<LoyaltyPointsExpiring>
{
    protected override Task HandleAsync(LoyaltyPointsExpiring e, EventContext context, CancellationToken ct) =>
        composer.WriteAsync([new NotificationDraft(e.ClientId, "loyalty_points_expiring", $"loyalty_points_expiring:{e.LotId}", NotificationComposer.ExceptText,
            "loyalty_points_expiring", new Dictionary<string, string> { ["points"] = e.Points.ToString(CultureInfo.InvariantCulture) }, e.ExpiresAt,
            Data: NotificationComposer.DataOf(new { points = e.Points, expiresAt = e.ExpiresAt }))], ct);
}

public sealed class NotifyTaskAssigned(NotificationComposer composer) : IntegrationEventHandler<TaskAssigned>
{
    protected override Task HandleAsync(TaskAssigned e, EventContext context, CancellationToken ct) =>
        composer.WriteAsync([new NotificationDraft(e.AssigneeId, "task_assigned", $"task_assigned:{context.EventId}", NotificationComposer.Staff,
            "task_assigned", new Dictionary<string, string> { ["taskTitle"] = e.Title }, e.DueAt,
            Data: NotificationComposer.DataOf(new { taskId = e.TaskId }))], ct);
}

public sealed class NotifyLeadAssigned(NotificationComposer composer, ILeadDirectory leads) : IntegrationEventHandler<LeadAssigned>
{
    protected override async Task HandleAsync(LeadAssigned e, EventContext context, CancellationToken ct)
    {
        var lead = (await leads.FindAsync([e.LeadId], ct)).SingleOrDefault();
        await composer.WriteAsync([new NotificationDraft(e.AssignedToId, "lead_assigned", $"lead_assigned:{context.EventId}", NotificationComposer.Staff,
            "lead_assigned", new Dictionary<string, string> { ["leadName"] = lead?.FirstName ?? "" },
            Data: NotificationComposer.DataOf(new { leadId = e.LeadId }))], ct);
    }
}

/// <summary>"Time to rebook" invites the client back: a marketing message, sent only with marketing consent.</summary>
public sealed class NotifyRepeatTreatmentDue(NotificationComposer composer, IClinicDirectory clinics) : IntegrationEventHandler<RepeatTreatmentDue>
{
    protected override async Task HandleAsync(RepeatTreatmentDue e, EventContext context, CancellationToken ct)
    {
        var clinic = await clinics.FindClinicAsync(e.ClinicId, ct);
        var service = await clinics.FindServiceAsync(e.ServiceId, ct);
        await composer.WriteAsync([new NotificationDraft(e.ClientId, "repeat_treatment_due", $"repeat_treatment_due:{e.PreviousAppointmentId}:{e.ServiceId}",
            NotificationComposer.ExceptText, "repeat_treatment_due",
            new Dictionary<string, string> { ["clinic"] = clinic?.Name ?? "", ["service"] = service?.Name ?? "" },
            Data: NotificationComposer.DataOf(new { clinicId = e.ClinicId, serviceId = e.ServiceId }), Marketing: true)], ct);
    }
}

/// <summary>An outgoing webhook endpoint was disabled after a day of failures: its owner (and the clinic's owner) are told in the inbox and by email.</summary>
public sealed class NotifyWebhookEndpointDisabled(NotificationComposer composer) : IntegrationEventHandler<WebhookEndpointDisabled>
{
    private static readonly NotificationChannel[] Channels = [NotificationChannel.InApp, NotificationChannel.Email];

    protected override Task HandleAsync(WebhookEndpointDisabled e, EventContext context, CancellationToken ct) =>
        composer.WriteAsync(e.NotifyUserIds.Distinct().Select(userId => new NotificationDraft(userId, "webhook_disabled", $"webhook_disabled:{context.EventId}", Channels,
            "webhook_disabled", new Dictionary<string, string>
            {
                ["url"] = e.Url.Length > 200 ? e.Url[..200] + "…" : e.Url,
                ["hours"] = e.AfterHours.ToString(CultureInfo.InvariantCulture),
                ["id"] = e.EndpointId.ToString(),
            },
            Data: NotificationComposer.DataOf(new { webhookId = e.EndpointId, clinicId = e.ClinicId }))).ToList(), ct);
}

/// <summary>
/// Runs after the notifications committed: deliveries due now go to this node's <see cref="NotificationPump"/> (or, on
/// a node without the job server, become Hangfire jobs); a delivery held by quiet hours becomes a Hangfire job due when
/// they end.
/// </summary>
public sealed class EnqueueNotificationDeliveries(IBackgroundJobClient jobs, IClock clock, NotificationPump? pump = null) : IntegrationEventHandler<NotificationsQueued>
{
    protected override Task HandleAsync(NotificationsQueued e, EventContext context, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var signal = false;
        foreach (var delivery in e.Deliveries)
        {
            if (pump is not null && delivery.NotBefore <= now)
                signal = true;
            else
                NotificationDeliveryJob.Enqueue(jobs, delivery.DeliveryId, delivery.NotBefore, now);
        }
        if (signal)
            pump!.Signal();
        return Task.CompletedTask;
    }
}
