using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Identity;

/// <summary>Accounts changed by someone other than a sign-in: the admin's (or a clinic owner's) new users, and a user's own profile.</summary>
public sealed class UserAdministration(AppDbContext db, AuthService auth, IClinicStaffEnrollment clinics, IPlatformSettings platformSettings)
{
    /// <summary>The admin creates any role; a clinic owner doctors and secretaries of its own clinic, enrolled in the same transaction.</summary>
    public async Task<Outcome<UserResponse>> CreateAsync(CreateUserRequest request, AccessScope scope, CancellationToken ct)
    {
        if (!scope.IsAdmin && (request.ClinicId is not { } ownClinic || !scope.ManagesClinic(ownClinic)))
            return Error.Forbidden("A clinic owner creates staff only for its own clinic (give clinicId).");
        var settings = await platformSettings.GetAsync(ct);
        var details = new NewUser(request.Email, request.FirstName, request.LastName, request.Role, request.Phone,
            request.Timezone ?? settings.DefaultTimezone, request.Locale ?? settings.DefaultLocale);
        var outcome = await auth.CreateUserAsync(details, request.Password, ct, beforeSave: async user =>
            request.ClinicId is { } clinicId && await clinics.EnrollAsync(clinicId, user.Id, user.Role, ct) is { } why
                ? Error.BadRequest(why)
                : null);
        return outcome.Succeeded ? UserResponse.From(outcome.Value.User) : outcome.Error!;
    }

    public async Task<Outcome<UserResponse>> UpdateProfileAsync(Guid userId, UpdateProfileRequest request, CancellationToken ct)
    {
        var user = await db.Set<User>().SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
            return UserQueries.NoAccount();
        user.UpdateProfile(new ProfileChanges(request.FirstName, request.LastName, request.Phone, request.Timezone, request.Locale));
        await db.SaveChangesAsync(ct);
        return UserResponse.From(user);
    }
}
