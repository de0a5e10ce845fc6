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

/// <summary>An opaque refresh token, stored only as its SHA-256 hash, single use.</summary>
public sealed class RefreshToken : Entity
{
    private RefreshToken() { }

    public Guid SessionId { get; private set; }
    public Guid UserId { get; private set; }
    [Secret]
    public string TokenHash { get; private set; } = "";
    public Instant ExpiresAt { get; private set; }
    public Instant? ConsumedAt { get; private set; }

    public static RefreshToken Issue(Guid sessionId, Guid userId, string tokenHash, Instant expiresAt) =>
        new() { SessionId = sessionId, UserId = userId, TokenHash = tokenHash, ExpiresAt = expiresAt };
}

public static class RevocationReasons
{
    public const string Logout = "logout";
    public const string Reuse = "reuse";
    public const string Erasure = "erasure";
}
