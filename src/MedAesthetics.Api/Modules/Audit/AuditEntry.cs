using System.Text.Json.Nodes;
using NodaTime;

namespace MedAesthetics.Api.Modules.Audit;

/// <summary>
/// Who changed what and when. Written in the transaction of the change it describes; the database refuses to update or
/// delete a row except under the retention purge's and the erasure scrub's maintenance switch.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry() { }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Instant OccurredAt { get; private set; }
    /// <summary>The user who made the change, or null for the platform itself.</summary>
    public Guid? ActorId { get; private set; }
    /// <summary>A user id, or "system:name" of the job or event handler.</summary>
    public string Actor { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public Guid EntityId { get; private set; }
    /// <summary>The clinic the record belongs to (its clinicId, or the clinic itself), which lets a clinic owner read the entry.</summary>
    public Guid? ClinicId { get; private set; }
    /// <summary>The person the record is about (a user, an appointment's client), for export and erasure.</summary>
    public Guid? SubjectId { get; private set; }
    /// <summary>JSON: {"field": {"old": ..., "new": ...}}</summary>
    public string Changes { get; private set; } = "{}";
    public string? IpAddress { get; private set; }
    public string? TraceId { get; private set; }

    public static AuditEntry Create(AuditFacts facts, Instant at, Guid? actorId, string actor, string? ip, string? traceId) => new()
    {
        OccurredAt = at,
        ActorId = actorId,
        Actor = actor,
        Action = facts.Action,
        EntityType = facts.EntityType,
        EntityId = facts.EntityId,
        ClinicId = facts.ClinicId,
        SubjectId = facts.SubjectId,
        Changes = facts.Changes.ToJsonString(),
        IpAddress = ip,
        TraceId = traceId,
    };
}

/// <summary>What changed, before the who and when are added.</summary>
public sealed record AuditFacts(string Action, string EntityType, Guid EntityId, Guid? ClinicId, Guid? SubjectId, JsonObject Changes);

public static class AuditActions
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Erase = "erase";
}
