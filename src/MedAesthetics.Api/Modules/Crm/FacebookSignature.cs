using System.Security.Cryptography;
using System.Text;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>Facebook's webhook checks: the X-Hub-Signature-256 HMAC of a delivery and the verify token of the subscription handshake.</summary>
public static class FacebookSignature
{
    public const string Header = "X-Hub-Signature-256";
    private const string Prefix = "sha256=";

    /// <summary>
    /// True when the header is "sha256=" and the hex HMAC-SHA256 of the exact body bytes under the app secret, compared in
    /// constant time. A missing or malformed header, or no secret, is false.
    /// </summary>
    public static bool IsValid(ReadOnlySpan<byte> body, string? header, string? appSecret)
    {
        if (string.IsNullOrEmpty(appSecret) || header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            return false;
        var hex = header.AsSpan(Prefix.Length).Trim();
        if (hex.Length != 64)
            return false;
        Span<byte> presented = stackalloc byte[32];
        if (Convert.FromHexString(hex, presented, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
            return false;
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }

    /// <summary>The header value Facebook would send for this body (for tests and tools).</summary>
    public static string Sign(ReadOnlySpan<byte> body, string appSecret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));

    /// <summary>The subscription handshake: mode "subscribe" and the configured verify token (constant time); null when refused.</summary>
    public static bool HandshakeAccepted(string? mode, string? presentedToken, string? configuredToken) =>
        mode == "subscribe" & LeadWebhooks.KeyMatches(presentedToken, configuredToken);
}
