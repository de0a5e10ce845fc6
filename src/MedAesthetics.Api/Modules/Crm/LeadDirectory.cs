using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>The CRM module's answers to other modules about leads.</summary>
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

    public async Task<IReadOnlySet<Guid>> ReachableAsync(AccessScope scope, IReadOnlyCollection<Guid> leadIds, CancellationToken ct) =>
        leadIds.Count == 0
            ? new HashSet<Guid>()
            : (await db.Set<Lead>().AsNoTracking().Where(l => leadIds.Contains(l.Id)).Reachable(scope).Select(l => l.Id).ToListAsync(ct)).ToHashSet();

    public async Task<LeadDetails?> DetailsAsync(Guid leadId, CancellationToken ct) =>
        await db.Set<Lead>().AsNoTracking().Where(l => l.Id == leadId)
            .Select(l => new LeadDetails(l.Id, l.FirstName, l.LastName, l.Email, l.Phone, l.Source, l.Status, l.ClinicId, l.CampaignId,
                l.AssignedToId, l.DuplicateOfId, l.CreatedAt))
            .SingleOrDefaultAsync(ct);
}
