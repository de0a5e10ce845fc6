using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace MedAesthetics.Api.Platform.Auth;

/// <summary>Signs short-lived access tokens (HS256) naming the user, role and refresh-token family (session).</summary>
public sealed class AccessTokenIssuer(JwtSettings settings, IClock clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    /// <param name="issuedAt">when given with <paramref name="tokenId"/>, the token is reproducible: the same inputs sign the same token (a refresh replayed within its grace returns the pair it returned first).</param>
    public (string Token, int ExpiresInSeconds) Issue(Guid userId, UserRole role, string email, Guid sessionId, Instant? issuedAt = null, Guid? tokenId = null)
    {
        var now = (issuedAt ?? clock.GetCurrentInstant()).ToDateTimeUtc();
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = JwtSettings.Issuer,
            Audience = JwtSettings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + settings.AccessTokenLifetime,
            Subject = new ClaimsIdentity(
            [
                new Claim(AccessTokenClaims.Subject, userId.ToString()),
                new Claim(AccessTokenClaims.Role, role.Name()),
                new Claim(AccessTokenClaims.Email, email),
                new Claim(AccessTokenClaims.Session, sessionId.ToString()),
                new Claim(JwtRegisteredClaimNames.Jti, (tokenId ?? Guid.NewGuid()).ToString("N")),
            ]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(settings.SigningKey), SecurityAlgorithms.HmacSha256),
        };
        return (_handler.CreateToken(descriptor), (int)settings.AccessTokenLifetime.TotalSeconds);
    }
}
