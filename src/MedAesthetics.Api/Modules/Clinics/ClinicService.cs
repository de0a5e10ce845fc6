using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Clinics;

/// <summary>The writes of clinics and their services: create, change, add a service.</summary>
public sealed class ClinicService(AppDbContext db, IUserDirectory users, ClinicPermissions permissions)
{
    public async Task<Outcome<ClinicResponse>> CreateAsync(CreateClinicRequest request, CancellationToken ct)
    {
        if (request.OwnerId is { } ownerId && await OwnerErrorAsync(ownerId, ct) is { } error)
            return error;
        var clinic = Clinic.Create(new ClinicDetails(request.Name, request.Timezone, request.Address, request.Phone, request.Email, request.CountryCode));
        clinic.AssignOwner(request.OwnerId);
        db.Set<Clinic>().Add(clinic);
        await db.SaveChangesAsync(ct);
        return ClinicResponse.From(clinic);
    }

    public async Task<Outcome<ClinicResponse>> UpdateAsync(Guid id, UpdateClinicRequest request, AccessScope scope, CancellationToken ct)
    {
        var clinic = await db.Set<Clinic>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (clinic is null)
            return ClinicPermissions.NoClinic();
        if (!scope.ManagesClinic(id))
            return Error.Forbidden("Only the admin and the clinic's owner may change it.");
        if (request.OwnerId is { } ownerId && ownerId != clinic.OwnerId)
        {
            if (!scope.IsAdmin)
                return Error.Forbidden("Only the admin may change a clinic's owner.");
            if (await OwnerErrorAsync(ownerId, ct) is { } error)
                return error;
            clinic.AssignOwner(ownerId);
        }
        clinic.Apply(new ClinicDetails(request.Name, request.Timezone, request.Address, request.Phone, request.Email, request.CountryCode));
        await db.SaveChangesAsync(ct);
        return ClinicResponse.From(clinic);
    }

    public async Task<Outcome<ServiceResponse>> AddServiceAsync(Guid clinicId, CreateServiceRequest request, AccessScope scope, CancellationToken ct)
    {
        if (await permissions.ManagedAsync(clinicId, scope, ct) is { } error)
            return error;
        var service = Service.Create(clinicId, new ServiceDetails(request.Name, request.Category, request.DurationMinutes, request.Price.Amount,
            request.Price.Currency, request.BufferBeforeMinutes ?? 0, request.BufferAfterMinutes ?? 0, request.LoyaltyPoints, request.RepeatAfterDays));
        db.Set<Service>().Add(service);
        await db.SaveChangesAsync(ct);
        return ServiceResponse.From(service);
    }

    private async Task<Error?> OwnerErrorAsync(Guid ownerId, CancellationToken ct) =>
        await users.FindAsync(ownerId, ct) is { Role: UserRole.ClinicOwner }
            ? null
            : Error.BadRequest("ownerId must be the id of a user with the clinic_owner role.");
}
