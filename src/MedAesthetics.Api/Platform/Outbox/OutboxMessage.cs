using System.Text.Json;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Platform.Outbox;

public sealed class OutboxMessage : Entity
{
    private OutboxMessage() { }

    public string Type { get; private set; } = "";
    public string Payload { get; private set; } = "";
    public Instant OccurredAt { get; private set; }
    public Instant NextAttemptAt { get; private set; }
    public Instant? ProcessedAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    public static OutboxMessage For(IIntegrationEvent integrationEvent, Instant now) => new()
    {
        Type = EventTypes.NameOf(integrationEvent.GetType()),
        Payload = JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), ApiJson.Options),
        OccurredAt = now,
        NextAttemptAt = now,
    };

    public void MarkProcessed(Instant now)
    {
        Attempts++;
        ProcessedAt = now;
        LastError = null;
    }

    /// <summary>Backs off exponentially (2^n seconds, at most an hour) so a broken handler does not spin.</summary>
    public void MarkFailed(string error, Instant now)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        NextAttemptAt = now + Duration.FromSeconds(Math.Min(3600, Math.Pow(2, Math.Min(Attempts, 12))));
    }
}

/// <summary>Marks that one handler has applied one event, in the same transaction as the handler's effect.</summary>
public sealed class ProcessedEvent
{
    public Guid EventId { get; init; }
    public string Handler { get; init; } = "";
    public Instant ProcessedAt { get; init; }
}
