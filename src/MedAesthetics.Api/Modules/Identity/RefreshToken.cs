using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Identity;

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
