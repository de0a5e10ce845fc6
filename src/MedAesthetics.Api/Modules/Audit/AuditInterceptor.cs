using System.Text.Json;
using System.Text.Json.Nodes;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NodaTime;

namespace MedAesthetics.Api.Modules.Audit;

/// <summary>
/// The one automatic trail: before every SaveChanges it turns each inserted, updated, soft-deleted or deleted business
/// record into an audit entry added to the same unit of work, so the entry commits or rolls back with the change.
/// One instance serves every pooled context; the actor is the one the saving context was leased with.
/// </summary>
public sealed class AuditInterceptor(AuditRedaction redaction) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db)
            Record(db);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db)
            Record(db);
        return base.SavingChanges(eventData, result);
    }

    private void Record(DbContext db)
    {
        // A failed earlier attempt of this unit of work left its entries behind: this attempt describes the changes afresh.
        foreach (var stale in db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).ToList())
            stale.State = EntityState.Detached;
        if (db is not AppDbContext { Actor: { } actor } app)
            throw new InvalidOperationException("An AppDbContext saved changes without a lease: the audit trail has no actor.");
        if (actor.AutomaticAuditSuppressed)
            return;

        // One pass over the tracked entities: Entries() would detect changes again (and SaveChanges does after this).
        db.ChangeTracker.DetectChanges();
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        List<AuditFacts> facts;
        try
        {
            facts = db.ChangeTracker.Entries()
                .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                .Where(e => e.Entity is Entity && !e.Metadata.IsOwned() && !redaction.Skips(e.Metadata.ClrType))
                .Select(Describe)
                .OfType<AuditFacts>()
                .ToList();
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
        if (facts.Count == 0)
            return;

        var now = app.Clock.GetCurrentInstant();
        var (actorId, name, ip, traceId) = (actor.UserId, actor.Name, actor.IpAddress, actor.TraceId);
        db.Set<AuditEntry>().AddRange(facts.Select(f => AuditEntry.Create(f, now, actorId, name, ip, traceId)));
    }

    private AuditFacts? Describe(EntityEntry entry)
    {
        var type = entry.Metadata.ClrType;
        var softDeleted = entry.State == EntityState.Modified && entry.Entity is ISoftDeletable
            && entry.Property(nameof(ISoftDeletable.DeletedAt)) is { IsModified: true, OriginalValue: null, CurrentValue: not null };
        var action = entry.State switch
        {
            EntityState.Added => AuditActions.Create,
            EntityState.Deleted => AuditActions.Delete,
            _ when softDeleted => AuditActions.Delete,
            _ => AuditActions.Update,
        };

        var changes = new JsonObject();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (redaction.Hides(type, name, property.Metadata.PropertyInfo))
                continue;
            var old = entry.State == EntityState.Added ? null : Json(property.OriginalValue);
            var @new = entry.State == EntityState.Deleted ? null : Json(property.CurrentValue);
            if (entry.State == EntityState.Modified && (!property.IsModified || JsonNode.DeepEquals(old, @new)))
                continue;
            AddChange(changes, JsonNamingPolicy.CamelCase.ConvertName(name), old, @new);
        }
        if (entry.State == EntityState.Modified && changes.Count == 0)
            return null;

        var id = entry.Property(nameof(Entity.Id)).CurrentValue is Guid g ? g : Guid.Empty;
        return new AuditFacts(action, AuditNames.EntityType(type), id, ClinicOf(entry, id), SubjectOf(entry, id), changes);
    }

    /// <summary>A value stored as a JSON document (settings) is compared key by key, so the entry names the settings that changed.</summary>
    private static void AddChange(JsonObject changes, string name, JsonNode? old, JsonNode? @new)
    {
        if (old is JsonObject oldObject && @new is JsonObject newObject)
        {
            foreach (var key in oldObject.Select(p => p.Key).Union(newObject.Select(p => p.Key)))
            {
                var (before, after) = (oldObject[key], newObject[key]);
                if (!JsonNode.DeepEquals(before, after))
                    changes[$"{name}.{key}"] = Change(before?.DeepClone(), after?.DeepClone());
            }
            return;
        }
        changes[name] = Change(old, @new);
    }

    private static JsonObject Change(JsonNode? old, JsonNode? @new) => new() { ["old"] = old, ["new"] = @new };

    private static JsonNode? Json(object? value) => value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType(), ApiJson.Options);

    private static Guid? ClinicOf(EntityEntry entry, Guid id) =>
        entry.Metadata.ClrType.Name == "Clinic" ? id : GuidOf(entry, "ClinicId");

    private static Guid? SubjectOf(EntityEntry entry, Guid id) =>
        entry.Metadata.ClrType.Name == "User" ? id : GuidOf(entry, "ClientId") ?? GuidOf(entry, "UserId");

    private static Guid? GuidOf(EntityEntry entry, string property) =>
        entry.Metadata.FindProperty(property) is not null && entry.Property(property).CurrentValue is Guid value ? value : null;
}

public static class AuditNames
{
    /// <summary>The entity's class name in snake_case: appointment, lead, clinic, user, platform_settings_row.</summary>
    public static string EntityType(Type type) => JsonNamingPolicy.SnakeCaseLower.ConvertName(type.Name);
}
