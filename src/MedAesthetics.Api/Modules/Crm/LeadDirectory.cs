using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

public sealed class LeadDirectory(AppDbContext db) : ILeadDirectory
{
    public async Task<IReadOnlyList<LeadSnapshot>> StaleAsync(LeadStatus status, Instant changedBefore, int limit, CancellationToken ct) =>
        await db.Set<Lead>().AsNoTracking().Where(l => l.Status == status && l.StatusChangedAt <= changedBefore)
            .OrderBy(l => l.StatusChangedAt).Take(limit)
            .Select(l => new LeadSnapshot(l.Id, l.FirstName, l.Status, l.AssignedToId, l.ClinicId, l.StatusChangedAt))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<LeadSnapshot>> FindAsync(IReadOnlyCollection<Guid> leadIds, CancellationToken ct) =>
        await db.Set<Lead>().AsNoTracking().Where(l => leadIds.Contains(l.Id))
            .Select(l => new LeadSnapshot(l.Id, l.FirstName, l.Status, l.AssignedToId, l.ClinicId, l.StatusChangedAt))
            .ToListAsync(ct);

    public IQueryable<Guid> ReachableBySalesperson(Guid salespersonId, IReadOnlyCollection<Guid> agentClinics) =>
        db.Set<Lead>().Where(LeadAccess.ReachedBySalesperson(salespersonId, agentClinics)).Select(l => l.Id);
}
