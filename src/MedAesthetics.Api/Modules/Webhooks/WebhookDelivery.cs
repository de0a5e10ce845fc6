using NodaTime;

namespace MedAesthetics.Api.Modules.Webhooks;

public enum WebhookDeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>
/// One event for one endpoint (unique per endpoint and event id, so a redelivered event adds nothing), with the exact
/// body that is signed and sent on every try. A technical record like the outbox, not a business one: it is not audited,
/// and it is purged after the retention period once finished.
/// </summary>
public sealed class WebhookDelivery
{
    public const int MaxAttempts = 5;

    private WebhookDelivery() { }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid EndpointId { get; private set; }
    public Guid EventId { get; private set; }
    public string EventType { get; private set; } = "";
    public Instant OccurredAt { get; private set; }
    public string Payload { get; private set; } = "";
    public WebhookDeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public Instant NextAttemptAt { get; private set; }
    public Instant? DeliveredAt { get; private set; }
    public int? LastStatusCode { get; private set; }
    public string? LastError { get; private set; }
    public Instant CreatedAt { get; private set; }
    public Instant UpdatedAt { get; private set; }

    public static WebhookDelivery Queue(Guid endpointId, Guid eventId, string eventType, Instant occurredAt, string payload, Instant now) => new()
    {
        EndpointId = endpointId, EventId = eventId, EventType = eventType, OccurredAt = occurredAt, Payload = payload,
        Status = WebhookDeliveryStatus.Pending, NextAttemptAt = now, CreatedAt = now, UpdatedAt = now,
    };

    /// <summary>Records a try's outcome: delivered; or tried again after the backoff until the fifth try; or failed at once when trying again cannot help.</summary>
    public void Record(AttemptOutcome outcome, Instant now)
    {
        Attempts++;
        UpdatedAt = now;
        LastStatusCode = outcome.StatusCode;
        LastError = outcome.Error;
        if (outcome.Succeeded)
        {
            Status = WebhookDeliveryStatus.Delivered;
            DeliveredAt = now;
        }
        else if (outcome.Retryable && Attempts < MaxAttempts)
            NextAttemptAt = now + WebhookRetry.Backoff(Attempts);
        else
            Status = WebhookDeliveryStatus.Failed;
    }

    public void Abandon(string reason, Instant now)
    {
        Status = WebhookDeliveryStatus.Failed;
        LastError = reason;
        UpdatedAt = now;
    }
}

/// <summary>One try at a delivery: when, the receiver's status code or the error, how long it took, the start of the answer.</summary>
public sealed class WebhookDeliveryAttempt
{
    public const int MaxResponseChars = 1024;

    private WebhookDeliveryAttempt() { }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DeliveryId { get; private set; }
    public Guid EndpointId { get; private set; }
    public int Number { get; private set; }
    public Instant AttemptedAt { get; private set; }
    public int? StatusCode { get; private set; }
    public string? Error { get; private set; }
    public int DurationMs { get; private set; }
    public string? ResponseBody { get; private set; }

    public static WebhookDeliveryAttempt Of(WebhookDelivery delivery, AttemptOutcome outcome, Instant at) => new()
    {
        DeliveryId = delivery.Id, EndpointId = delivery.EndpointId, Number = delivery.Attempts, AttemptedAt = at,
        StatusCode = outcome.StatusCode, Error = outcome.Error, DurationMs = outcome.DurationMs,
        ResponseBody = outcome.ResponseBody is { Length: > MaxResponseChars } body ? body[..MaxResponseChars] : outcome.ResponseBody,
    };
}

/// <summary>What one HTTP try came to. Every non-2xx answer and transport failure is tried again (like Stripe's); a refused address is not.</summary>
public sealed record AttemptOutcome(bool Succeeded, int? StatusCode, string? Error, int DurationMs, string? ResponseBody, bool Retryable);
