using System.Text.Json;
using NodaTime;

namespace MedAesthetics.Api.Modules.Audit;

public sealed record AuditEntryResponse(
    Guid Id, Instant OccurredAt, Guid? ActorId, string Actor, string Action, string EntityType, Guid EntityId,
    Guid? ClinicId, JsonElement Changes, string? Ip, string? TraceId)
{
    public static AuditEntryResponse From(AuditEntry e) => new(
        e.Id, e.OccurredAt, e.ActorId, e.Actor, e.Action, e.EntityType, e.EntityId, e.ClinicId,
        JsonDocument.Parse(e.Changes).RootElement.Clone(), e.IpAddress, e.TraceId);
}
