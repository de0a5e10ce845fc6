using System.Security.Cryptography;
using System.Text;

namespace MedAesthetics.Api.Modules.Webhooks;

/// <summary>
/// Signs a delivery's exact body bytes: <c>sha256=</c> and the lowercase hex HMAC-SHA256 with the endpoint's secret (its
/// UTF-8 bytes) as the key, sent in X-MedAesthetics-Signature-256. Secrets are generated as <c>whsec_</c> and 32 random
/// bytes in base64url.
/// </summary>
public static class WebhookSigner
{
    public const string Prefix = "sha256=";
    public const string SecretPrefix = "whsec_";
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 256;

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>What a receiver does: recompute and compare in constant time.</summary>
    public static bool Verify(ReadOnlySpan<byte> body, string secret, string? signature) =>
        signature is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(body, secret)), Encoding.ASCII.GetBytes(signature));

    public static string NewSecret() =>
        SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
