using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Clinics;

/// <summary>The writes of a clinic's team: adding doctors and secretaries, and the services each provider performs.</summary>
public sealed class StaffService(AppDbContext db, IUserDirectory users, ClinicPermissions permissions)
{
    public async Task<Outcome<StaffResponse>> AddAsync(Guid clinicId, AddStaffRequest request, AccessScope scope, CancellationToken ct)
    {
        if (await permissions.ManagedAsync(clinicId, scope, ct) is { } error)
            return error;
        var user = await users.FindAsync(request.UserId, ct);
        // Another clinic's staff is outside an owner's reach (admins may add anyone): as if the user did not exist.
        if (user is null || (!scope.IsAdmin && await OnAnotherClinicsStaffAsync(user.Id, clinicId, ct)))
            return Error.NotFound("There is no such user.");
        if (user.Role != request.Role)
            return Error.BadRequest($"The user's role is {user.Role.Name()}; only a {request.Role.Name()} can join as {request.Role.Name()}.");
        if (await permissions.UnknownServicesAsync(clinicId, request.ServiceIds, ct) is { } servicesError)
            return servicesError;
        db.Set<ClinicStaffMember>().Add(ClinicStaffMember.Create(clinicId, user.Id, request.Role));
        foreach (var serviceId in (request.ServiceIds ?? []).Distinct())
            db.Set<ProviderService>().Add(new ProviderService { ClinicId = clinicId, ProviderId = user.Id, ServiceId = serviceId });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Error.Conflict("The user is already on this clinic's staff.");
        }
        return new StaffResponse(clinicId, user.Id, request.Role, user.FirstName, user.LastName, user.Email);
    }

    public async Task<Outcome<ProviderResponse>> SetProviderServicesAsync(
        Guid clinicId, Guid providerId, ProviderServicesRequest request, AccessScope scope, CancellationToken ct)
    {
        if (await permissions.ManagedAsync(clinicId, scope, ct) is { } error)
            return error;
        if (!await permissions.IsProviderAsync(clinicId, providerId, ct))
            return ClinicPermissions.NoProvider();
        if (await permissions.UnknownServicesAsync(clinicId, request.ServiceIds, ct) is { } servicesError)
            return servicesError;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Set<ProviderService>().Where(p => p.ClinicId == clinicId && p.ProviderId == providerId).ExecuteDeleteAsync(ct);
        foreach (var serviceId in request.ServiceIds.Distinct())
            db.Set<ProviderService>().Add(new ProviderService { ClinicId = clinicId, ProviderId = providerId, ServiceId = serviceId });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var person = await users.FindAsync(providerId, ct);
        return new ProviderResponse(providerId, person?.FirstName ?? "", person?.LastName ?? "", request.ServiceIds.Distinct().ToList());
    }

    private Task<bool> OnAnotherClinicsStaffAsync(Guid userId, Guid clinicId, CancellationToken ct) =>
        db.Set<ClinicStaffMember>().AnyAsync(s => s.UserId == userId && s.ClinicId != clinicId, ct);
}
