namespace MedAesthetics.Api.Platform.Auth;

/// <summary>The six roles of docs/rules.md; JSON and the database spell them snake_case (clinic_owner).</summary>
public enum UserRole
{
    Admin,
    ClinicOwner,
    Doctor,
    Secretariat,
    Salesperson,
    Client,
}

public static class UserRoles
{
    public static string Name(this UserRole role) => role switch
    {
        UserRole.Admin => "admin",
        UserRole.ClinicOwner => "clinic_owner",
        UserRole.Doctor => "doctor",
        UserRole.Secretariat => "secretariat",
        UserRole.Salesperson => "salesperson",
        UserRole.Client => "client",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static UserRole? Parse(string? name) =>
        Enum.GetValues<UserRole>().Cast<UserRole?>().FirstOrDefault(r => r!.Value.Name() == name);

    public static bool IsStaff(this UserRole role) => role != UserRole.Client;

}

public static class Policies
{
    public const string Admin = "admin";
    public const string Staff = "staff";
    public const string AdminOrClinicOwner = "admin_or_clinic_owner";
}
