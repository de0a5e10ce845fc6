using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Clinics;

/// <summary>The Clinics module's answers to other modules; each method is a fixed number of queries.</summary>
public sealed class ClinicDirectory(AppDbContext db, ClinicScheduleCache schedules, ClinicMembershipCache memberships) : IClinicDirectory, IClinicMembershipSource, IClinicStaffEnrollment
{
    public async Task<ClinicInfo?> FindClinicAsync(Guid clinicId, CancellationToken cancellationToken) =>
        await db.Set<Clinic>().AsNoTracking().Where(c => c.Id == clinicId)
            .Select(c => new ClinicInfo(c.Id, c.Name, c.Timezone, c.CountryCode, c.OwnerId))
            .SingleOrDefaultAsync(cancellationToken);

    public async Task<ClinicInfo?> FindClinicByNameAsync(string name, CancellationToken cancellationToken) =>
        await db.Set<Clinic>().AsNoTracking().Where(c => c.Name == name).OrderBy(c => c.CreatedAt)
            .Select(c => new ClinicInfo(c.Id, c.Name, c.Timezone, c.CountryCode, c.OwnerId))
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<ServiceInfo?> FindServiceAsync(Guid serviceId, CancellationToken cancellationToken) =>
        (await FindServicesAsync([serviceId], cancellationToken)).GetValueOrDefault(serviceId);

    public async Task<IReadOnlyDictionary<Guid, ServiceInfo>> FindServicesAsync(IReadOnlyCollection<Guid> serviceIds, CancellationToken cancellationToken) =>
        await db.Set<Service>().AsNoTracking().Where(s => serviceIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => new ServiceInfo(s.Id, s.ClinicId, s.Name, s.DurationMinutes, s.Price, s.Currency,
                s.BufferBeforeMinutes, s.BufferAfterMinutes, s.LoyaltyPoints, s.RepeatAfterDays), cancellationToken);

    public Task<ClinicSchedule?> ScheduleAsync(Guid clinicId, CancellationToken cancellationToken) => schedules.GetAsync(clinicId, cancellationToken);

    public Task<ClinicSchedule?> CurrentScheduleAsync(Guid clinicId, CancellationToken cancellationToken) => schedules.CurrentAsync(clinicId, db.Database, cancellationToken);

    public Task<(ClinicSchedule? Schedule, long Version)> CachedScheduleAsync(Guid clinicId, CancellationToken cancellationToken) =>
        schedules.GetWithVersionAsync(clinicId, cancellationToken);

    public (string Sql, object[] Values) CalendarVersionStatement => (schedules.VersionSql, []);

    public async Task<IReadOnlyList<Guid>> StaffAsync(Guid clinicId, UserRole role, CancellationToken cancellationToken) =>
        role == UserRole.ClinicOwner
            ? await db.Set<Clinic>().Where(c => c.Id == clinicId && c.OwnerId != null).Select(c => c.OwnerId!.Value).ToListAsync(cancellationToken)
            : await db.Set<ClinicStaffMember>().Where(s => s.ClinicId == clinicId && s.Role == role).Select(s => s.UserId).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Guid>> AgentsOfClinicAsync(Guid clinicId, CancellationToken cancellationToken) =>
        await db.Set<AgentClinicAccess>().Where(a => a.ClinicId == clinicId).Select(a => a.AgentUserId).ToListAsync(cancellationToken);

    /// <summary>
    /// From <see cref="ClinicMembershipCache"/>, except inside a transaction, which may hold a change of its own that is
    /// not to be remembered before it commits.
    /// </summary>
    public Task<ClinicMemberships> ForUserAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Database.CurrentTransaction is null
            ? memberships.GetAsync(userId, () => LoadMembershipsAsync(userId, cancellationToken), cancellationToken)
            : LoadMembershipsAsync(userId, cancellationToken);

    /// <summary>
    /// Owned, staffed and agent clinics in one round trip (a UNION ALL): every staff request resolves its scope with it,
    /// so three queries here were three round trips on each CRM, task and booking call.
    /// </summary>
    private async Task<ClinicMemberships> LoadMembershipsAsync(Guid userId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<Clinic>().Where(c => c.OwnerId == userId).Select(c => new { Kind = MembershipKind.Owner, ClinicId = c.Id })
            .Concat(db.Set<ClinicStaffMember>().Where(s => s.UserId == userId).Select(s => new { Kind = MembershipKind.Team, s.ClinicId }))
            .Concat(db.Set<AgentClinicAccess>().Where(a => a.AgentUserId == userId).Select(a => new { Kind = MembershipKind.Agent, a.ClinicId }))
            .ToListAsync(cancellationToken);
        var owned = rows.Where(r => r.Kind == MembershipKind.Owner).Select(r => r.ClinicId).ToHashSet();
        var team = rows.Where(r => r.Kind is MembershipKind.Owner or MembershipKind.Team).Select(r => r.ClinicId).ToHashSet();
        var agent = rows.Where(r => r.Kind == MembershipKind.Agent).Select(r => r.ClinicId).ToHashSet();
        return new ClinicMemberships(team, owned, agent);
    }

    private enum MembershipKind { Owner, Team, Agent }

    public async Task<string?> EnrollAsync(Guid clinicId, Guid userId, UserRole role, CancellationToken cancellationToken)
    {
        if (role is not (UserRole.Doctor or UserRole.Secretariat))
            return "Only doctors and secretaries join a clinic's staff.";
        if (!await db.Set<Clinic>().AnyAsync(c => c.Id == clinicId, cancellationToken))
            return "There is no such clinic.";
        db.Set<ClinicStaffMember>().Add(ClinicStaffMember.Create(clinicId, userId, role));
        return null;
    }
}
