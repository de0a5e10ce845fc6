using Hangfire;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Outbox;

namespace MedAesthetics.Api.Modules.Webhooks;

/// <summary>The shared steps of every webhook handler: nothing is looked up unless an endpoint is subscribed to the type.</summary>
public abstract class WebhookHandler<TEvent>(WebhookFanOut fanOut) : IntegrationEventHandler<TEvent> where TEvent : IIntegrationEvent
{
    protected abstract string Type { get; }

    protected override async Task HandleAsync(TEvent e, EventContext context, CancellationToken ct)
    {
        var subscribers = await fanOut.SubscribedAsync(Type, ct);
        if (subscribers.Count > 0)
            await QueueAsync(e, context, subscribers, ct);
    }

    protected abstract Task QueueAsync(TEvent e, EventContext context, IReadOnlyList<Subscriber> subscribers, CancellationToken ct);

    protected Task QueueAsync(EventContext context, IReadOnlyList<Subscriber> subscribers, IReadOnlyCollection<Guid> clinics,
        Func<Task<System.Text.Json.Nodes.JsonObject>> data, CancellationToken ct) =>
        fanOut.QueueAsync(Type, context, subscribers, clinics, data, ct);
}

public sealed class WebhookOnAppointmentBooked(WebhookFanOut fanOut, WebhookPayloads payloads) : WebhookHandler<AppointmentBooked>(fanOut)
{
    protected override string Type => WebhookEventTypes.AppointmentBooked;

    protected override Task QueueAsync(AppointmentBooked e, EventContext context, IReadOnlyList<Subscriber> subscribers, CancellationToken ct) =>
        QueueAsync(context, subscribers, [e.Appointment.ClinicId], () => payloads.AppointmentAsync(e.Appointment, "confirmed", ct), ct);
}

public sealed class WebhookOnAppointmentRescheduled(WebhookFanOut fanOut, WebhookPayloads payloads) : WebhookHandler<AppointmentRescheduled>(fanOut)
{
    protected override string Type => WebhookEventTypes.AppointmentRescheduled;

    protected override Task QueueAsync(AppointmentRescheduled e, EventContext context, IReadOnlyList<Subscriber> subscribers, CancellationToken ct) =>
        QueueAsync(context, subscribers, [e.Appointment.ClinicId], () => payloads.RescheduledAsync(e, ct), ct);
}

public sealed class WebhookOnAppointmentCancelled(WebhookFanOut fanOut, WebhookPayloads payloads) : WebhookHandler<AppointmentCancelled>(fanOut)
{
    protected override string Type => WebhookEventTypes.AppointmentCancelled;

    protected override Task QueueAsync(AppointmentCancelled e, EventContext context, IReadOnlyList<Subscriber> subscribers, CancellationToken ct) =>
        QueueAsync(context, subscribers, [e.Appointment.ClinicId], () => payloads.CancelledAsync(e, ct), ct);
}

public sealed class WebhookOnAppointmentCompleted(WebhookFanOut fanOut, WebhookPayloads payloads) : WebhookHandler<AppointmentCompleted>(fanOut)
{
    protected override string Type => WebhookEventTypes.AppointmentCompleted;

    protected override Task QueueAsync(AppointmentCompleted e, EventContext context, IReadOnlyList<Subscriber> subscribers, CancellationToken ct) =>
        QueueAsync(context, subscribers, [e.Appointment.ClinicId], () => payloads.CompletedAsync(e, ct), ct);
}

public sealed class WebhookOnAppointmentNoShow(WebhookFanOut fanOut, WebhookPayloads payloads) : WebhookHandler<AppointmentNoShow>(fanOut)
{
    protected override string Type => WebhookEventTypes.AppointmentNoShow;

    protected override Task QueueAsync(AppointmentNoShow e, EventContext context, IReadOnlyList<Subscriber> subscribers, CancellationToken ct) =>
        QueueAsync(context, subscribers, [e.Appointment.ClinicId], () => payloads.AppointmentAsync(e.Appointment, "no_show", ct), ct);
}

/// <summary>A lead goes to endpoints of its clinic (as it is now) and to the all-clinics ones; a lead without a clinic only to the latter.</summary>
public sealed class WebhookOnLeadCreated(WebhookFanOut fanOut, ILeadDirectory leads) : WebhookHandler<LeadCreated>(fanOut)
{
    protected override string Type => WebhookEventTypes.LeadCreated;

    protected override async Task QueueAsync(LeadCreated e, EventContext context, IReadOnlyList<Subscriber> subscribers, CancellationToken ct)
    {
        var lead = await leads.DetailsAsync(e.LeadId, ct);
        var clinicId = lead is null ? e.ClinicId : lead.ClinicId;
        await QueueAsync(context, subscribers, clinicId is { } c ? [c] : [],
            () => Task.FromResult(WebhookPayloads.Lead(e.LeadId, lead, lead?.Status ?? LeadStatus.New, clinicId)), ct);
    }
}

public sealed class WebhookOnLeadStatusChanged(WebhookFanOut fanOut, ILeadDirectory leads) : WebhookHandler<LeadStatusChanged>(fanOut)
{
    protected override string Type => WebhookEventTypes.LeadStatusChanged;

    protected override async Task QueueAsync(LeadStatusChanged e, EventContext context, IReadOnlyList<Subscriber> subscribers, CancellationToken ct)
    {
        var lead = await leads.DetailsAsync(e.LeadId, ct);
        var clinicId = lead is null ? e.ClinicId : lead.ClinicId;
        await QueueAsync(context, subscribers, clinicId is { } c ? [c] : [], () =>
        {
            var data = WebhookPayloads.Lead(e.LeadId, lead, e.To, clinicId);
            data["previousStatus"] = Platform.Persistence.EnumColumns.ToText(e.From);
            return Task.FromResult(data);
        }, ct);
    }
}

/// <summary>A client's tier goes to endpoints of the clinics where the client has appointments (whose owners may read its points) and to the all-clinics ones.</summary>
public sealed class WebhookOnLoyaltyTierChanged(WebhookFanOut fanOut, IBookingDirectory bookings) : WebhookHandler<LoyaltyTierChanged>(fanOut)
{
    protected override string Type => WebhookEventTypes.LoyaltyTierChanged;

    protected override async Task QueueAsync(LoyaltyTierChanged e, EventContext context, IReadOnlyList<Subscriber> subscribers, CancellationToken ct) =>
        await QueueAsync(context, subscribers, await bookings.ClinicsOfClientAsync(e.ClientId, ct), () => Task.FromResult(WebhookPayloads.TierChanged(e)), ct);
}

/// <summary>Runs after the deliveries committed: each becomes a Hangfire job at once.</summary>
public sealed class EnqueueWebhookDeliveries(IBackgroundJobClient jobs) : IntegrationEventHandler<WebhookDeliveriesQueued>
{
    protected override Task HandleAsync(WebhookDeliveriesQueued e, EventContext context, CancellationToken ct)
    {
        foreach (var id in e.DeliveryIds)
            WebhookDeliveryJob.Enqueue(jobs, id, null);
        return Task.CompletedTask;
    }
}
