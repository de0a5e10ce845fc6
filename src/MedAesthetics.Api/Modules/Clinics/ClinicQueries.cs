using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Clinics;

/// <summary>The reads of the Clinics module: clinics, services, staff, providers and the calendar.</summary>
public sealed class ClinicQueries(AppDbContext db, IUserDirectory users, ClinicPermissions permissions, IClock clock)
{
    public async Task<PageOf<ClinicResponse>> ListAsync(ClinicListQuery query, CancellationToken ct)
    {
        var list = db.Set<Clinic>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q))
            list = list.Where(c => EF.Functions.ILike(c.Name, $"%{query.Q.Trim()}%"));
        var page = await list.OrderBy(c => c.Name).ThenBy(c => c.Id).ToPageAsync(query.Paging, ct);
        return page.Map(ClinicResponse.From);
    }

    /// <summary>Compiled once: a clinic's page is read often and anonymously, and skips EF's per-call query cache lookup.</summary>
    private static readonly Func<AppDbContext, Guid, CancellationToken, Task<Clinic?>> ClinicById =
        EF.CompileAsyncQuery((AppDbContext db, Guid id, CancellationToken ct) => db.Set<Clinic>().AsNoTracking().SingleOrDefault(c => c.Id == id));

    public async Task<Outcome<ClinicResponse>> FindAsync(Guid id, CancellationToken ct) =>
        await ClinicById(db, id, ct) is { } clinic
            ? ClinicResponse.From(clinic)
            : ClinicPermissions.NoClinic();

    public async Task<Outcome<PageOf<ServiceResponse>>> ServicesAsync(Guid clinicId, PageQuery paging, CancellationToken ct)
    {
        if (!await permissions.ExistsAsync(clinicId, ct))
            return ClinicPermissions.NoClinic();
        var page = await db.Set<Service>().AsNoTracking().Where(s => s.ClinicId == clinicId)
            .OrderBy(s => s.Name).ThenBy(s => s.Id).ToPageAsync(paging, ct);
        return page.Map(ServiceResponse.From);
    }

    /// <summary>A clinic's team, for staff who reach the clinic; a clinic that does not exist is 404 even for the admin.</summary>
    public async Task<Outcome<List<StaffResponse>>> StaffAsync(Guid clinicId, AccessScope scope, CancellationToken ct)
    {
        if (!scope.Caller.IsStaff)
            return ClinicPermissions.NoClinic();
        if (await permissions.ReachedAsync(clinicId, scope, ct) is { } error)
            return error;
        var members = await db.Set<ClinicStaffMember>().AsNoTracking().Where(s => s.ClinicId == clinicId).ToListAsync(ct);
        var people = await users.FindAsync(members.Select(m => m.UserId).ToList(), ct);
        return members.Where(m => people.ContainsKey(m.UserId))
            .Select(m => new StaffResponse(clinicId, m.UserId, m.Role, people[m.UserId].FirstName, people[m.UserId].LastName, people[m.UserId].Email))
            .OrderBy(s => s.LastName).ToList();
    }

    public async Task<Outcome<List<ProviderResponse>>> ProvidersAsync(Guid clinicId, CancellationToken ct)
    {
        if (!await permissions.ExistsAsync(clinicId, ct))
            return ClinicPermissions.NoClinic();
        var doctors = await db.Set<ClinicStaffMember>().AsNoTracking().Where(s => s.ClinicId == clinicId && s.Role == UserRole.Doctor).Select(s => s.UserId).ToListAsync(ct);
        var specialised = await db.Set<ProviderService>().AsNoTracking().Where(p => p.ClinicId == clinicId).ToListAsync(ct);
        var allServices = await db.Set<Service>().AsNoTracking().Where(s => s.ClinicId == clinicId).Select(s => s.Id).ToListAsync(ct);
        var people = await users.FindAsync(doctors, ct);
        return doctors.Where(people.ContainsKey).Select(d =>
        {
            var own = specialised.Where(p => p.ProviderId == d).Select(p => p.ServiceId).ToList();
            return new ProviderResponse(d, people[d].FirstName, people[d].LastName, own.Count > 0 ? own : allServices);
        }).OrderBy(p => p.LastName).ThenBy(p => p.Id).ToList();
    }

    public async Task<Outcome<List<WorkingHoursResponse>>> WorkingHoursAsync(Guid clinicId, Guid providerId, CancellationToken ct)
    {
        if (!await permissions.IsProviderAsync(clinicId, providerId, ct))
            return ClinicPermissions.NoProvider();
        var hours = await db.Set<WorkingHours>().AsNoTracking().Where(w => w.ClinicId == clinicId && w.ProviderId == providerId)
            .OrderBy(w => w.DayOfWeek).ThenBy(w => w.StartTime).ToListAsync(ct);
        return hours.Select(WorkingHoursResponse.From).ToList();
    }

    /// <summary>Current and future blocked time; a clinic that does not exist, or that the caller does not reach, is 404.</summary>
    public async Task<Outcome<List<BlockedSlotResponse>>> BlockedSlotsAsync(Guid clinicId, AccessScope scope, CancellationToken ct)
    {
        if (await permissions.ReachedAsync(clinicId, scope, ct) is { } error)
            return error;
        var now = clock.GetCurrentInstant();
        var slots = await db.Set<BlockedSlot>().AsNoTracking().Where(b => b.ClinicId == clinicId && b.End > now)
            .OrderBy(b => b.Start).Take(500).ToListAsync(ct);
        return slots.Select(BlockedSlotResponse.From).ToList();
    }
}
