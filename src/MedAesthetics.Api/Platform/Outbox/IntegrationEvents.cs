using NodaTime;

namespace MedAesthetics.Api.Platform.Outbox;

/// <summary>A fact one module tells the others about. Its class name is its type name in the outbox, so renaming one is a breaking change.</summary>
public interface IIntegrationEvent;

/// <summary>What a handler knows about the delivery: the outbox row's id is the event's identity.</summary>
public sealed record EventContext(Guid EventId, Instant OccurredAt, int Attempt);

/// <summary>Handlers run at least once per event; the dispatcher records each success so that the effect happens once.</summary>
public interface IEventHandler
{
    Type EventType { get; }
    Task HandleAsync(IIntegrationEvent integrationEvent, EventContext context, CancellationToken cancellationToken);
}

public abstract class IntegrationEventHandler<TEvent> : IEventHandler where TEvent : IIntegrationEvent
{
    public Type EventType => typeof(TEvent);

    Task IEventHandler.HandleAsync(IIntegrationEvent integrationEvent, EventContext context, CancellationToken cancellationToken) =>
        HandleAsync((TEvent)integrationEvent, context, cancellationToken);

    protected abstract Task HandleAsync(TEvent integrationEvent, EventContext context, CancellationToken cancellationToken);
}
