using MedAesthetics.Api.Platform.Auth;
using NodaTime;

namespace MedAesthetics.Api.Modules.Identity;

public sealed record UserResponse(
    Guid Id,
    string Email,
    UserRole Role,
    string FirstName,
    string LastName,
    string? Phone,
    string Timezone,
    string Locale,
    Instant CreatedAt)
{
    public static UserResponse From(User user) =>
        new(user.Id, user.Email, user.Role, user.FirstName, user.LastName, user.Phone, user.Timezone, user.Locale, user.CreatedAt);
}

public sealed record TokensResponse(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn, UserResponse User);
