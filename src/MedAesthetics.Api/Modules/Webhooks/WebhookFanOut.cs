using System.Text.Json.Nodes;
using MedAesthetics.Api.Platform.Outbox;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Webhooks;

/// <summary>An enabled endpoint subscribed to an event type: its id and its clinic (null: every clinic).</summary>
public sealed record Subscriber(Guid Id, Guid? ClinicId);

/// <summary>Deliveries written by a handler; this event's own handler enqueues their jobs once they are committed.</summary>
public sealed record WebhookDeliveriesQueued(IReadOnlyList<Guid> DeliveryIds) : IIntegrationEvent;

/// <summary>
/// Turns one outbox event into one delivery per matching endpoint, in the handler's transaction: an endpoint matches when
/// it is enabled, subscribed to the type, and either for every clinic or for a clinic the event belongs to. A delivery
/// already written for the endpoint and event (a redelivered event) is not written again; the unique index
/// (endpoint_id, event_id) holds that against a race too.
/// </summary>
public sealed class WebhookFanOut(AppDbContext db, IClock clock)
{
    public async Task<IReadOnlyList<Subscriber>> SubscribedAsync(string type, CancellationToken ct) =>
        await db.Set<WebhookEndpoint>().AsNoTracking()
            .Where(e => e.DisabledAt == null && e.EventTypes.Contains(type))
            .Select(e => new Subscriber(e.Id, e.ClinicId)).ToListAsync(ct);

    /// <summary>Writes the deliveries of the event to the subscribers of the clinics given; data is built only when one matches.</summary>
    public async Task<int> QueueAsync(string type, EventContext context, IReadOnlyList<Subscriber> subscribers, IReadOnlyCollection<Guid> clinics,
        Func<Task<JsonObject>> data, CancellationToken ct)
    {
        var targets = subscribers.Where(s => s.ClinicId is null || clinics.Contains(s.ClinicId.Value)).Select(s => s.Id).ToList();
        if (targets.Count == 0)
            return 0;
        var done = await db.Set<WebhookDelivery>().Where(d => d.EventId == context.EventId && targets.Contains(d.EndpointId))
            .Select(d => d.EndpointId).ToListAsync(ct);
        targets.RemoveAll(done.Contains);
        if (targets.Count == 0)
            return 0;

        var body = WebhookPayloads.Serialize(new WebhookEnvelope(context.EventId, type, context.OccurredAt, await data()));
        var now = clock.GetCurrentInstant();
        var deliveries = targets.Select(id => WebhookDelivery.Queue(id, context.EventId, type, context.OccurredAt, body, now)).ToList();
        db.Set<WebhookDelivery>().AddRange(deliveries);
        db.Publish(new WebhookDeliveriesQueued(deliveries.Select(d => d.Id).ToList()));
        return deliveries.Count;
    }
}
