using System.Text.Json;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Platform.Outbox;

/// <summary>
/// Delivers pending outbox rows to their handlers. Rows are claimed with FOR UPDATE SKIP LOCKED, so several nodes
/// drain one table without delivering a row twice at once; each handler's effect commits together with its
/// processed_events row, so a redelivery after a crash skips the handlers that already succeeded.
/// </summary>
public sealed class OutboxProcessor(IServiceScopeFactory scopes, EventHandlerCatalog catalog, IClock clock, ILogger<OutboxProcessor> logger)
{
    public const int DefaultBatchSize = 50;

    /// <summary>
    /// Claims a batch ({0} now, {1} the batch size): due rows in the order they fell due, which for a row never tried is
    /// the order its events occurred in (a new row is due when it occurs; a failed one when its back-off ends). That order
    /// is the one of <c>ix_outbox_messages_next_attempt_at_occurred_at</c>, so the claim reads about a batch's worth of
    /// index entries however many rows wait; ordered by occurrence alone it read and sorted every due row each time
    /// (a sequential scan of the table, 0.2-0.3 s a batch, once thousands of events waited behind a burst of leads).
    /// </summary>
    internal const string ClaimSql = """
        SELECT * FROM outbox_messages
        WHERE processed_at IS NULL AND next_attempt_at <= {0}
        ORDER BY next_attempt_at, occurred_at, id
        LIMIT {1}
        FOR UPDATE SKIP LOCKED
        """;

    /// <summary>Processes one batch; returns how many rows it claimed.</summary>
    public async Task<int> ProcessBatchAsync(int batchSize = DefaultBatchSize, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var now = clock.GetCurrentInstant();
        var batch = await db.OutboxMessages.FromSqlRaw(ClaimSql, now, batchSize).ToListAsync(cancellationToken);

        foreach (var message in batch)
        {
            var error = await DeliverAsync(message, cancellationToken);
            if (error is null)
                message.MarkProcessed(clock.GetCurrentInstant());
            else
                message.MarkFailed(error, clock.GetCurrentInstant());
        }

        await db.Database.WithoutSavepointsAsync(() => db.SaveChangesAsync(cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
    }

    /// <summary>Drains everything that is due now; used by tests and by the sweep job.</summary>
    public async Task<int> ProcessAllAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        int claimed;
        do
        {
            claimed = await ProcessBatchAsync(DefaultBatchSize, cancellationToken);
            total += claimed;
        } while (claimed == DefaultBatchSize);
        return total;
    }

    private async Task<string?> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var eventType = EventTypes.Find(message.Type);
        if (eventType is null)
            return $"Unknown event type '{message.Type}'.";

        IIntegrationEvent integrationEvent;
        try
        {
            integrationEvent = (IIntegrationEvent)JsonSerializer.Deserialize(message.Payload, eventType, ApiJson.Options)!;
        }
        catch (JsonException e)
        {
            return $"Unreadable payload: {e.Message}";
        }

        var context = new EventContext(message.Id, message.OccurredAt, message.Attempts + 1);
        using var activity = Observability.Telemetry.Source.StartActivity($"outbox {message.Type}", System.Diagnostics.ActivityKind.Consumer);
        activity?.SetTag("messaging.system", "outbox");
        activity?.SetTag("messaging.message.id", message.Id.ToString());
        activity?.SetTag("messaging.destination.name", message.Type);
        activity?.SetTag("outbox.attempt", context.Attempt);
        var errors = new List<string>();
        foreach (var handlerType in catalog.HandlersOf(eventType))
        {
            try
            {
                await RunHandlerOnceAsync(handlerType, integrationEvent, context, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogError(e, "Handler {Handler} failed for event {EventType} {EventId}", handlerType.Name, message.Type, message.Id);
                errors.Add($"{handlerType.Name}: {e.Message}");
            }
        }
        if (errors.Count > 0)
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, string.Join("; ", errors));
        return errors.Count == 0 ? null : string.Join("; ", errors);
    }

    private async Task RunHandlerOnceAsync(Type handlerType, IIntegrationEvent integrationEvent, EventContext context, CancellationToken cancellationToken)
    {
        var handlerName = handlerType.FullName!;
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetService<ChangeActor>()?.ActAsSystem(handlerType.Name);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // No savepoints around the handler's saves (EF adds two round trips to each save in a transaction for them): a
        // failed save fails the handler run, whose transaction is rolled back whole and tried again later.
        await db.Database.WithoutSavepointsAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await db.ProcessedEvents.AnyAsync(p => p.EventId == context.EventId && p.Handler == handlerName, cancellationToken))
                return;

            var handler = (IEventHandler)scope.ServiceProvider.GetRequiredService(handlerType);
            await handler.HandleAsync(integrationEvent, context, cancellationToken);
            db.ProcessedEvents.Add(new ProcessedEvent { EventId = context.EventId, Handler = handlerName, ProcessedAt = clock.GetCurrentInstant() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // Another node applied this handler first; its effect stands and ours is rolled back.
                logger.LogInformation("Handler {Handler} already applied event {EventId}", handlerName, context.EventId);
            }
        });
    }
}
