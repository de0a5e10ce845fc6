using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Audit;

/// <summary>Reads the trail: the admin every entry, a clinic owner the entries tied to the clinics it owns; newest first.</summary>
public sealed class AuditQueries(AppDbContext db)
{
    public async Task<PageOf<AuditEntryResponse>> ListAsync(AuditLogQuery query, AccessScope scope, CancellationToken cancellationToken)
    {
        var entries = db.Set<AuditEntry>().AsNoTracking();
        if (!scope.IsAdmin)
        {
            var owned = scope.OwnedClinics.ToList();
            entries = entries.Where(a => a.ClinicId != null && owned.Contains(a.ClinicId.Value));
        }
        if (query.EntityType is { } type) entries = entries.Where(a => a.EntityType == type);
        if (query.EntityId is { } entityId) entries = entries.Where(a => a.EntityId == entityId);
        if (query.ActorId is { } actorId) entries = entries.Where(a => a.ActorId == actorId);
        if (query.FromInstant is { } from) entries = entries.Where(a => a.OccurredAt >= from);
        if (query.ToInstant is { } to) entries = entries.Where(a => a.OccurredAt < to);
        var page = await entries.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).ToPageAsync(query.Paging, cancellationToken);
        return page.Map(AuditEntryResponse.From);
    }
}
