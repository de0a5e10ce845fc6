namespace MedAesthetics.Api.Modules.Webhooks;

/// <summary>The event types an endpoint may subscribe to, as receivers see them in "type" and X-MedAesthetics-Event-Type.</summary>
public static class WebhookEventTypes
{
    public const string AppointmentBooked = "appointment.booked";
    public const string AppointmentRescheduled = "appointment.rescheduled";
    public const string AppointmentCancelled = "appointment.cancelled";
    public const string AppointmentCompleted = "appointment.completed";
    public const string AppointmentNoShow = "appointment.no_show";
    public const string LeadCreated = "lead.created";
    public const string LeadStatusChanged = "lead.status_changed";
    public const string LoyaltyTierChanged = "loyalty.tier_changed";

    public static readonly IReadOnlyList<string> All =
    [
        AppointmentBooked, AppointmentRescheduled, AppointmentCancelled, AppointmentCompleted, AppointmentNoShow,
        LeadCreated, LeadStatusChanged, LoyaltyTierChanged,
    ];
}
