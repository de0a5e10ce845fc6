using System.Reflection;
using System.Security.Claims;

namespace MedAesthetics.Api.Platform.Auth;

/// <summary>The authenticated user of a request, bound straight from the access token's claims.</summary>
public sealed record Caller(Guid UserId, UserRole Role, Guid SessionId)
{
    public bool IsAdmin => Role == UserRole.Admin;
    public bool IsStaff => Role.IsStaff();

    public static Caller? FromPrincipal(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
            return null;
        var subject = principal.FindFirstValue(AccessTokenClaims.Subject);
        var role = UserRoles.Parse(principal.FindFirstValue(AccessTokenClaims.Role));
        var session = principal.FindFirstValue(AccessTokenClaims.Session);
        return Guid.TryParse(subject, out var userId) && role is not null && Guid.TryParse(session, out var sessionId)
            ? new Caller(userId, role.Value, sessionId)
            : null;
    }

    /// <summary>Minimal API binding: endpoints that take a Caller require authentication, so a missing one is a programming error.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<Caller?>(FromPrincipal(context.User) ?? throw new InvalidOperationException(
            $"Endpoint {context.GetEndpoint()?.DisplayName} binds a Caller but does not require authorization."));
}

public static class AccessTokenClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Email = "email";
    public const string Session = "sid";
}
