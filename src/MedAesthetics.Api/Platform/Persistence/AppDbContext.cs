using System.Linq.Expressions;
using MedAesthetics.Api.Platform.Outbox;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Platform.Persistence;

/// <summary>
/// The one DbContext. Each module owns its tables through IEntityTypeConfiguration classes in its own folder;
/// the context only stamps timestamps, hides soft-deleted rows and carries the outbox.
/// Contexts are pooled (see <see cref="PersistenceSetup"/>): a pooled context is built from its options alone, so what
/// belongs to the scope that leases it (the clock, the outbox signal, who makes the changes) is handed over by
/// <see cref="Lease"/> each time.
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    private IClock? _clock;
    private OutboxSignal? _outboxSignal;
    private ChangeActor? _actor;

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<ProcessedEvent> ProcessedEvents => Set<ProcessedEvent>();

    public IClock Clock => _clock ?? throw new InvalidOperationException("This AppDbContext was not leased: it has no clock.");

    /// <summary>Who makes this scope's changes (the audit trail's actor); null outside a leased context.</summary>
    public ChangeActor? Actor => _actor;

    /// <summary>Hands the context to a scope: its clock, its outbox signal (null where no dispatcher runs) and its actor.</summary>
    public AppDbContext Lease(IClock clock, OutboxSignal? outboxSignal, ChangeActor? actor)
    {
        _clock = clock;
        _outboxSignal = outboxSignal;
        _actor = actor;
        return this;
    }

    /// <summary>Queues an event in the outbox; it is written by the same SaveChanges as the change that raised it.</summary>
    public void Publish(IIntegrationEvent integrationEvent) =>
        OutboxMessages.Add(OutboxMessage.For(integrationEvent, Clock.GetCurrentInstant()));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("btree_gist");
        modelBuilder.HasPostgresExtension("citext");
        modelBuilder.HasPostgresExtension("pg_trgm");
        // Every entity is registered before any configuration runs, so that a module can name another module's
        // entity in a foreign key (by type name, without depending on its class) whatever order they load in.
        var configured = typeof(AppDbContext).Assembly.GetTypes()
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>))
            .Select(i => i.GetGenericArguments()[0])
            .Distinct();
        foreach (var entity in configured)
            modelBuilder.Entity(entity);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            if (!typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType) || entityType.BaseType is not null)
                continue;
            var row = Expression.Parameter(entityType.ClrType, "row");
            var deletedAt = Expression.Property(row, nameof(ISoftDeletable.DeletedAt));
            var filter = Expression.Lambda(Expression.Equal(deletedAt, Expression.Constant(null, typeof(Instant?))), row);
            modelBuilder.Entity(entityType.ClrType).HasQueryFilter(filter);
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var now = Clock.GetCurrentInstant();
        var raisedEvents = false;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is OutboxMessage && entry.State == EntityState.Added)
                raisedEvents = true;
            if (entry.Entity is not Entity entity)
                continue;
            if (entry.State == EntityState.Added)
            {
                if (entity.CreatedAt == default) entity.CreatedAt = now;
                entity.UpdatedAt = now;
            }
            else if (entry.State == EntityState.Modified)
            {
                entity.UpdatedAt = now;
            }
        }

        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (raisedEvents)
            _outboxSignal?.Notify();
        return written;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new InvalidOperationException("Use SaveChangesAsync: the platform is async all the way.");
}
