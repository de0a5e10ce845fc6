using System.Text.Json;
using NodaTime;

namespace MedAesthetics.Api.Modules.Audit;

public sealed record AuditEntryResponse(
    Guid Id, Instant OccurredAt, Guid? ActorId, string Actor, string Action, string EntityType, Guid EntityId,
    Guid? ClinicId, IReadOnlyDictionary<string, AuditFieldChange> Changes, string? Ip, string? TraceId)
{
    public static AuditEntryResponse From(AuditEntry e) => new(
        e.Id, e.OccurredAt, e.ActorId, e.Actor, e.Action, e.EntityType, e.EntityId, e.ClinicId,
        JsonSerializer.Deserialize<Dictionary<string, AuditFieldChange>>(e.Changes) ?? [], e.IpAddress, e.TraceId);
}

/// <summary>One field's value before and after the change (null on the side where the record did not exist).</summary>
public sealed record AuditFieldChange(
    [property: System.Text.Json.Serialization.JsonPropertyName("old")] JsonElement? Old,
    [property: System.Text.Json.Serialization.JsonPropertyName("new")] JsonElement? New);
