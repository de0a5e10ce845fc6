using NodaTime;

namespace MedAesthetics.Api.Modules.Webhooks;

/// <summary>An endpoint as its managers see it: never its secret.</summary>
public sealed record WebhookEndpointResponse(
    Guid Id, string Url, Guid? ClinicId, Guid OwnerId, IReadOnlyList<string> EventTypes, bool Enabled, Instant? DisabledAt,
    string? DisabledReason, Instant? FailingSince, Instant? LastSuccessAt, Instant CreatedAt)
{
    public static WebhookEndpointResponse From(WebhookEndpoint e) =>
        new(e.Id, e.Url, e.ClinicId, e.OwnerId, e.EventTypes, e.Enabled, e.DisabledAt, e.DisabledReason, e.FailingSince, e.LastSuccessAt, e.CreatedAt);
}

/// <summary>The answer of POST /admin/webhooks: the endpoint and, this once, its signing secret.</summary>
public sealed record CreatedWebhookResponse(
    Guid Id, string Url, Guid? ClinicId, Guid OwnerId, IReadOnlyList<string> EventTypes, bool Enabled, Instant CreatedAt, string Secret)
{
    public static CreatedWebhookResponse From(WebhookEndpoint e) => new(e.Id, e.Url, e.ClinicId, e.OwnerId, e.EventTypes, e.Enabled, e.CreatedAt, e.Secret);
}

public sealed record WebhookAttemptResponse(int Number, Instant AttemptedAt, int? StatusCode, string? Error, int DurationMs, string? ResponseBody)
{
    public static WebhookAttemptResponse From(WebhookDeliveryAttempt a) => new(a.Number, a.AttemptedAt, a.StatusCode, a.Error, a.DurationMs, a.ResponseBody);
}

/// <summary>One event sent (or being sent) to the endpoint, with every try, oldest first.</summary>
public sealed record WebhookDeliveryResponse(
    Guid Id, Guid EventId, string EventType, Instant OccurredAt, WebhookDeliveryStatus Status, int AttemptCount, Instant? NextAttemptAt,
    Instant? DeliveredAt, int? LastStatusCode, string? LastError, Instant CreatedAt, IReadOnlyList<WebhookAttemptResponse> Attempts)
{
    public static WebhookDeliveryResponse From(WebhookDelivery d, IEnumerable<WebhookDeliveryAttempt> attempts) =>
        new(d.Id, d.EventId, d.EventType, d.OccurredAt, d.Status, d.Attempts, d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptAt : null,
            d.DeliveredAt, d.LastStatusCode, d.LastError, d.CreatedAt, attempts.OrderBy(a => a.Number).Select(WebhookAttemptResponse.From).ToList());
}
