using System.Security.Cryptography;
using System.Text;

namespace MedAesthetics.Api.Modules.Identity;

/// <summary>
/// A rotated refresh token's successor is HMAC-SHA256(K, spent token), with K derived from JWT_SECRET for this purpose
/// only. So a replay within the reuse grace can give back the same successor without any copy of it being stored:
/// the database keeps only SHA-256 hashes, and whoever reads it (a backup, an SQL injection) cannot compute a
/// successor without the secret, while every node, holding JWT_SECRET, computes the same one. The chain stays as
/// unguessable as the random first token of the family (256 bits, keyed). Rotating JWT_SECRET changes K: replays
/// of tokens spent before then no longer find their successor and are treated as reuse (the access tokens signed with
/// the old secret stop working anyway).
/// </summary>
public static class RefreshTokenSuccession
{
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("medaesthetics/refresh-token-successor/v1");

    public static string Successor(byte[] jwtSigningKey, string spentToken)
    {
        var key = HMACSHA256.HashData(jwtSigningKey, Purpose);
        return Base64Url(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(spentToken)));
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
