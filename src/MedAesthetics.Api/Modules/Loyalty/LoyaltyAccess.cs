using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;

namespace MedAesthetics.Api.Modules.Loyalty;

/// <summary>What a caller wants to do with a client's points.</summary>
public enum LoyaltyUse
{
    /// <summary>The client itself, staff (and salespeople) of clinics where the client has appointments, admins.</summary>
    Read,
    /// <summary>The client itself, the team (owner, doctors, secretariat) of clinics where the client has appointments, admins.</summary>
    Spend,
}

/// <summary>Decides per client whose loyalty a caller may see or spend: outside its reach the client does not exist (404).</summary>
public sealed class LoyaltyAccess(IUserDirectory users, IBookingDirectory bookings)
{
    public async Task<Error?> CheckAsync(Guid clientId, AccessScope scope, LoyaltyUse use, CancellationToken ct)
    {
        var caller = scope.Caller;
        if (caller.Role == UserRole.Client)
            return clientId == caller.UserId ? null : NoSuchClient();
        if (await users.FindAsync(clientId, ct) is not { Role: UserRole.Client })
            return NoSuchClient();
        if (scope.IsAdmin)
            return null;
        var clinics = await bookings.ClinicsOfClientAsync(clientId, ct);
        if (!clinics.Any(scope.CanReachClinic))
            return NoSuchClient();
        if (use == LoyaltyUse.Spend && !clinics.Any(scope.TeamClinics.Contains))
            return Error.Forbidden("Only the client, the team of one of its clinics or an admin may redeem its points.");
        return null;
    }

    private static Error NoSuchClient() => Error.NotFound("There is no such client.");
}
