using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using MedAesthetics.Api.Modules.Notifications;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Outbox;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Platform;

/// <summary>Fails the first delivery of every event it sees, then counts how often its effect is applied.</summary>
public sealed class FlakyRegistrationProbe : IntegrationEventHandler<UserRegistered>
{
    public static readonly ConcurrentDictionary<Guid, int> Attempts = new();
    public static readonly ConcurrentDictionary<Guid, int> Applied = new();

    protected override Task HandleAsync(UserRegistered registered, EventContext context, CancellationToken cancellationToken)
    {
        if (Attempts.AddOrUpdate(registered.UserId, 1, (_, n) => n + 1) == 1)
            throw new InvalidOperationException("simulated outage");
        Applied.AddOrUpdate(registered.UserId, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

/// <summary>Records, per event, whether the handler's context would wrap its saves in savepoints.</summary>
public sealed class SavepointProbe(AppDbContext db) : IntegrationEventHandler<UserRegistered>
{
    public static readonly ConcurrentDictionary<Guid, bool> AutoSavepoints = new();

    protected override Task HandleAsync(UserRegistered registered, EventContext context, CancellationToken cancellationToken)
    {
        AutoSavepoints[registered.UserId] = db.Database.AutoSavepointsEnabled;
        return Task.CompletedTask;
    }
}

public sealed class FlakyHandlerApi : ApiFactory
{
    public FlakyHandlerApi() => WithServices(services => services.AddEventHandler<FlakyRegistrationProbe>().AddEventHandler<SavepointProbe>());
}

public sealed class OutboxTests(FlakyHandlerApi api) : IClassFixture<FlakyHandlerApi>
{
    private Task<int> Drain() => api.Services.GetRequiredService<OutboxProcessor>().ProcessAllAsync();

    private Task<int> WelcomesFor(Guid userId) => api.WithDbAsync(db => db.Set<Notification>().CountAsync(w => w.UserId == userId && w.Type == "welcome"));

    private static Guid UserId(System.Text.Json.JsonElement tokens) => tokens.GetProperty("user").GetProperty("id").GetGuid();

    private Task<OutboxMessage> MessageFor(Guid userId) => api.WithDbAsync(db => db.OutboxMessages
        .FromSqlInterpolated($"SELECT * FROM outbox_messages WHERE type = 'UserRegistered' AND payload->>'userId' = {userId.ToString()}")
        .AsNoTracking().SingleAsync());

    [Fact]
    public async Task Registering_writes_the_UserRegistered_event_in_the_same_transaction()
    {
        var userId = UserId(await api.RegisterAsync());

        var message = await MessageFor(userId);

        Assert.Null(message.ProcessedAt);
        Assert.Contains(userId.ToString(), message.Payload);
        Assert.Equal(0, await WelcomesFor(userId));
    }

    [Fact]
    public async Task A_failed_handler_is_retried_with_backoff_and_its_effect_happens_once()
    {
        var userId = UserId(await api.RegisterAsync());
        var clock = new ClockScope(api.Clock);

        await Drain();
        var message = await MessageFor(userId);
        Assert.Null(message.ProcessedAt);
        Assert.Equal(1, message.Attempts);
        Assert.Contains("simulated outage", message.LastError);
        // The welcome notification handler succeeded on the first delivery and is not run again on the retry.
        Assert.Equal(1, await WelcomesFor(userId));

        await Drain();
        Assert.False(FlakyRegistrationProbe.Applied.ContainsKey(userId));

        clock.Advance(Duration.FromSeconds(3));
        await Drain();
        clock.Restore();

        Assert.Equal(1, FlakyRegistrationProbe.Applied[userId]);
        Assert.Equal(1, await WelcomesFor(userId));
        var done = await MessageFor(userId);
        Assert.NotNull(done.ProcessedAt);
        Assert.Equal(2, done.Attempts);
    }

    [Fact]
    public async Task A_redelivery_after_a_crash_applies_each_handler_once()
    {
        var userId = UserId(await api.RegisterAsync());
        await Drain();
        api.Clock.Advance(Duration.FromSeconds(3));
        await Drain();

        // A node that crashed after the handlers committed but before marking the row leaves it unprocessed.
        await api.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE outbox_messages SET processed_at = NULL WHERE payload->>'userId' = {userId.ToString()}"));
        await Drain();

        Assert.Equal(1, await WelcomesFor(userId));
        Assert.Equal(1, FlakyRegistrationProbe.Applied[userId]);
        var eventId = (await MessageFor(userId)).Id;
        // One mark per UserRegistered handler (the welcome, the probe, and those of other modules), each applied once.
        var handlers = await api.WithServiceAsync<IEnumerable<IEventHandler>, int>(h => Task.FromResult(h.Count(x => x.EventType == typeof(UserRegistered))));
        Assert.True(handlers >= 2);
        Assert.Equal(handlers, await api.WithDbAsync(db => db.ProcessedEvents.CountAsync(p => p.EventId == eventId)));
    }

    [Fact]
    public async Task The_catalog_names_every_registered_handler_of_an_event_including_one_added_by_a_test()
    {
        var registered = await api.WithServiceAsync<IEnumerable<IEventHandler>, Type[]>(h => Task.FromResult(
            h.Where(x => x.EventType == typeof(UserRegistered)).Select(x => x.GetType()).ToArray()));
        var catalog = api.Services.GetRequiredService<EventHandlerCatalog>();

        Assert.Contains(typeof(FlakyRegistrationProbe), catalog.HandlersOf(typeof(UserRegistered)));
        Assert.Equal(registered.Order(TypeNameOrder.Instance), catalog.HandlersOf(typeof(UserRegistered)).Order(TypeNameOrder.Instance));
        Assert.Equal(typeof(UserRegistered), EventHandlerRegistration.EventTypeOf(typeof(FlakyRegistrationProbe)));
        Assert.Empty(catalog.HandlersOf(typeof(OutboxTests)));
    }

    private sealed class TypeNameOrder : IComparer<Type>
    {
        public static readonly TypeNameOrder Instance = new();
        public int Compare(Type? x, Type? y) => string.CompareOrdinal(x?.FullName, y?.FullName);
    }

    [Fact]
    public async Task Two_dispatchers_draining_at_once_deliver_each_event_once()
    {
        var users = new List<Guid>();
        for (var i = 0; i < 20; i++)
            users.Add(UserId(await api.RegisterAsync()));

        var processor = api.Services.GetRequiredService<OutboxProcessor>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => processor.ProcessAllAsync())));

        foreach (var user in users)
            Assert.Equal(1, await WelcomesFor(user));
        // Each row was claimed by one dispatcher at a time: one delivery, plus none for the flaky probe's retry yet.
        foreach (var user in users)
            Assert.Equal(1, (await MessageFor(user)).Attempts);
    }

    [Fact]
    public async Task A_handler_runs_without_savepoints_around_its_saves()
    {
        var userId = UserId(await api.RegisterAsync());
        await Drain();

        // EF would send SAVEPOINT and RELEASE, two round trips, around each save in the handler's transaction.
        Assert.False(SavepointProbe.AutoSavepoints[userId]);
    }

    [Fact]
    public async Task A_claim_reads_about_one_batch_of_index_entries_however_many_events_wait()
    {
        var plan = await api.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            // 5,000 due events and 5,000 handled ones, one a second, and statistics that know them.
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO outbox_messages (id, type, payload, occurred_at, next_attempt_at, processed_at, attempts, created_at, updated_at)
                SELECT gen_random_uuid(), 'PlanProbe', '{{}}', t, t, CASE WHEN i % 2 = 0 THEN t END, 0, t, t
                FROM generate_series(1, 10000) AS i, LATERAL (SELECT timestamptz '2001-01-01 00:00Z' + i * interval '1 second' AS t) AS x
                """);
            await db.Database.ExecuteSqlRawAsync("ANALYZE outbox_messages");
            var explain = "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) "
                + string.Format(OutboxProcessor.ClaimSql, "now()", OutboxProcessor.DefaultBatchSize);
            var lines = await db.Database.SqlQueryRaw<string>(explain).ToListAsync();
            await transaction.RollbackAsync();
            return string.Join("\n", lines);
        });

        // The scan under the claim stops after the batch (and the rows tied with its last): no reading and sorting of
        // every due row.
        var scanned = Regex.Match(plan, @"Index Scan using ix_outbox_messages_next_attempt_at_occurred_at on outbox_messages \(actual rows=(\d+)");
        Assert.True(scanned.Success && int.Parse(scanned.Groups[1].Value) <= 2 * OutboxProcessor.DefaultBatchSize, plan);
    }
}

public sealed class OutboxRestartTests
{
    [Fact]
    public async Task An_event_written_before_a_restart_is_delivered_by_the_next_process_once()
    {
        var first = new ApiFactory();
        await ((IAsyncLifetime)first).InitializeAsync();
        var userId = (await first.RegisterAsync()).GetProperty("user").GetProperty("id").GetGuid();
        Assert.Equal(0, await first.WithDbAsync(db => db.Set<Notification>().CountAsync(w => w.UserId == userId && w.Type == "welcome")));

        // The process stops before its dispatcher ran; the event waits in the outbox table.
        var second = new ApiFactory().OnDatabaseOf(first).With("Outbox:DispatcherEnabled", "true").With("Outbox:PollMilliseconds", "100");
        await first.DisposeAsync();
        await ((IAsyncLifetime)second).InitializeAsync();
        second.CreateClient();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await second.WithDbAsync(db => db.Set<Notification>().CountAsync(w => w.UserId == userId && w.Type == "welcome")) == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        Assert.Equal(1, await second.WithDbAsync(db => db.Set<Notification>().CountAsync(w => w.UserId == userId && w.Type == "welcome")));
        var welcome = await second.WithDbAsync(db => db.Set<Notification>().SingleAsync(w => w.UserId == userId && w.Type == "welcome"));
        Assert.StartsWith("Welcome to MedAesthetics, Maria!", welcome.Body);
        await second.Services.GetRequiredService<OutboxProcessor>().ProcessAllAsync();
        Assert.Equal(1, await second.WithDbAsync(db => db.Set<Notification>().CountAsync(w => w.UserId == userId && w.Type == "welcome")));
        // The welcome queues its deliveries with a follow-up event, which the running dispatcher may still hold.
        while (await second.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ProcessedAt == null)) > 0 && DateTime.UtcNow < deadline.AddSeconds(20))
            await Task.Delay(100);
        Assert.Equal(0, await second.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ProcessedAt == null)));

        await second.DisposeAsync();
        await TestDatabase.DropAsync(first.DatabaseName);
    }
}
