using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Identity;

/// <summary>
/// A refresh-token family: one sign-in on one device. Every rotation adds a token to it; a spent token presented
/// again, a logout, a password change or an erasure revokes the whole family, and access tokens naming it stop working.
/// </summary>
public sealed class AuthSession : Entity
{
    private AuthSession() { }

    public Guid UserId { get; private set; }
    public Instant? RevokedAt { get; private set; }
    public string? RevokedReason { get; private set; }

    public static AuthSession Start(Guid userId) => new() { UserId = userId };
}
