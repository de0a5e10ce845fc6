using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Clinics;

/// <summary>Who may change what of a clinic: a missing clinic is 404, someone else's 403 (clinics are public, so nothing is revealed).</summary>
public sealed class ClinicPermissions(AppDbContext db)
{
    public static Error NoClinic() => Error.NotFound("There is no such clinic.");

    public static Error NoProvider() => Error.NotFound("The provider is not a doctor of this clinic.");

    public Task<bool> ExistsAsync(Guid clinicId, CancellationToken ct) => db.Set<Clinic>().AnyAsync(c => c.Id == clinicId, ct);

    /// <summary>Admin, or the owner of this clinic.</summary>
    public async Task<Error?> ManagedAsync(Guid clinicId, AccessScope scope, CancellationToken ct)
    {
        if (!await ExistsAsync(clinicId, ct))
            return NoClinic();
        return scope.ManagesClinic(clinicId) ? null : Error.Forbidden("Only the admin and the clinic's owner may do this.");
    }

    /// <summary>Admin, the owner, or the clinic's secretariat (and, for their own time, its doctors).</summary>
    public async Task<Error?> CalendarAsync(Guid clinicId, AccessScope scope, bool allowDoctor, CancellationToken ct)
    {
        if (!await ExistsAsync(clinicId, ct))
            return NoClinic();
        var role = scope.Caller.Role;
        var onTeam = scope.TeamClinics.Contains(clinicId);
        var allowed = scope.ManagesClinic(clinicId)
                      || (onTeam && role == UserRole.Secretariat)
                      || (onTeam && allowDoctor && role == UserRole.Doctor);
        return allowed ? null : Error.Forbidden("Only the admin, the clinic's owner or its secretariat may change its calendar.");
    }

    /// <summary>Lists under a clinic: 404 for a clinic that does not exist or that the caller does not reach.</summary>
    public async Task<Error?> ReachedAsync(Guid clinicId, AccessScope scope, CancellationToken ct) =>
        scope.CanReachClinic(clinicId) && await ExistsAsync(clinicId, ct) ? null : NoClinic();

    public Task<bool> IsProviderAsync(Guid clinicId, Guid providerId, CancellationToken ct) =>
        db.Set<ClinicStaffMember>().AnyAsync(s => s.ClinicId == clinicId && s.UserId == providerId && s.Role == UserRole.Doctor, ct);

    public async Task<Error?> UnknownServicesAsync(Guid clinicId, Guid[]? serviceIds, CancellationToken ct)
    {
        if (serviceIds is null || serviceIds.Length == 0)
            return null;
        var distinct = serviceIds.Distinct().ToList();
        var known = await db.Set<Service>().CountAsync(s => s.ClinicId == clinicId && distinct.Contains(s.Id), ct);
        return known == distinct.Count ? null : Error.BadRequest("Every serviceId must be a service of this clinic.");
    }
}
