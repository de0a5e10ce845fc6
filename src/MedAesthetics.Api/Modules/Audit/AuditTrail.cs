using System.Text.Json;
using System.Text.Json.Nodes;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Audit;

/// <summary>Explicit entries (raw-SQL writes, erasures): one INSERT on the scope's DbContext connection, inside its transaction when one is open.</summary>
public sealed class AuditTrail(AppDbContext db, ChangeActor actor, IClock clock) : IAuditTrail
{
    public async Task WriteAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        var changes = new JsonObject();
        foreach (var (field, change) in record.Changes ?? new Dictionary<string, AuditChange>())
            changes[field] = new JsonObject
            {
                ["old"] = change.Old is null ? null : JsonSerializer.SerializeToNode(change.Old, ApiJson.Options),
                ["new"] = change.New is null ? null : JsonSerializer.SerializeToNode(change.New, ApiJson.Options),
            };
        var entry = AuditEntry.Create(
            new AuditFacts(record.Action, record.EntityType, record.EntityId, record.ClinicId, record.SubjectId, changes),
            clock.GetCurrentInstant(), actor.UserId, actor.Name, actor.IpAddress, actor.TraceId);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO audit_logs (id, occurred_at, actor_id, actor, action, entity_type, entity_id, clinic_id, subject_id, changes, ip_address, trace_id)
            VALUES ({entry.Id}, {entry.OccurredAt}, {entry.ActorId}, {entry.Actor}, {entry.Action}, {entry.EntityType}, {entry.EntityId},
                    {entry.ClinicId}, {entry.SubjectId}, {entry.Changes}::jsonb, {entry.IpAddress}, {entry.TraceId})
            """, cancellationToken);
    }
}
