using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Audit;

/// <summary>
/// The audit trail's share of GDPR: the entries about a person (their account, records whose subject they are, changes
/// they made) for the export; for an erasure, the person's name, email and phone are scrubbed from old values and the
/// IP addresses of their own requests dropped, under the maintenance switch.
/// </summary>
public sealed class AuditPersonalData(AppDbContext db) : IPersonalDataSource
{
    /// <summary>Fields of an entry whose values are personal when the entry is about the erased person.</summary>
    public static readonly string[] PersonalFields = ["firstName", "lastName", "email", "phone", "notes", "cancellationReason", "message"];

    public string Section => "audit";

    public async Task<object> ExportAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        var entries = await db.Set<AuditEntry>().AsNoTracking()
            .Where(a => a.SubjectId == subject.UserId || a.EntityId == subject.UserId || a.ActorId == subject.UserId)
            .OrderBy(a => a.OccurredAt).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        return entries.Select(AuditEntryResponse.From).ToList();
    }

    public async Task EraseAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        var u = subject.UserId;
        // The names the account ever had are in the trail of the account itself.
        var names = await db.Database.SqlQuery<string>($"""
            SELECT DISTINCT v AS "Value"
            FROM audit_logs, LATERAL (VALUES (changes->'firstName'->>'old'), (changes->'firstName'->>'new'),
                                             (changes->'lastName'->>'old'), (changes->'lastName'->>'new'),
                                             (changes->'email'->>'old'), (changes->'email'->>'new'),
                                             (changes->'phone'->>'old'), (changes->'phone'->>'new')) AS x(v)
            WHERE entity_id = {u} AND entity_type = 'user' AND v IS NOT NULL
            """).ToListAsync(cancellationToken);
        // "$^" matches no JSON text: only the entries tied to the person by id are scrubbed then.
        var pattern = PersonalDataPattern.For(names.Append(subject.Email).Append(subject.Phone)) ?? "$^";
        await AuditMaintenance.RunAsync(db, () => db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE audit_logs SET
              changes = CASE WHEN subject_id = {u} OR entity_id = {u} OR changes::text ~* {pattern}
                THEN regexp_replace((
                    SELECT coalesce(jsonb_object_agg(key, CASE WHEN key = ANY({PersonalFields}) AND jsonb_typeof(value) = 'object'
                        THEN jsonb_build_object(
                            'old', CASE WHEN coalesce(value->'old', 'null'::jsonb) = 'null'::jsonb THEN 'null'::jsonb ELSE '"[erased]"'::jsonb END,
                            'new', CASE WHEN coalesce(value->'new', 'null'::jsonb) = 'null'::jsonb THEN 'null'::jsonb ELSE '"[erased]"'::jsonb END)
                        ELSE value END), jsonb_build_object())
                    FROM jsonb_each(changes))::text, {pattern}, '[erased]', 'gi')::jsonb
                ELSE changes END,
              ip_address = CASE WHEN actor_id = {u} THEN NULL ELSE ip_address END
            WHERE subject_id = {u} OR entity_id = {u} OR actor_id = {u} OR changes::text ~* {pattern}
            """, cancellationToken), cancellationToken);
    }
}
