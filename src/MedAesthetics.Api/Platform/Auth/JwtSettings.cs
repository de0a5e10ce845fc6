using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MedAesthetics.Api.Platform.Auth;

/// <summary>JWT_SECRET and JWT_EXPIRATION. Production refuses a missing or weak secret; Development makes a throwaway one.</summary>
public sealed partial class JwtSettings
{
    public const string Issuer = "medaesthetics";
    public const string Audience = "medaesthetics-api";
    public const int MinimumSecretLength = 32;

    public required byte[] SigningKey { get; init; }
    public required TimeSpan AccessTokenLifetime { get; init; }
    public TimeSpan RefreshTokenLifetime { get; init; } = TimeSpan.FromDays(30);

    /// <param name="serving">false for one-shot commands (migrate, create-admin), which sign no tokens.</param>
    public static JwtSettings FromConfiguration(IConfiguration configuration, IHostEnvironment environment, bool serving = true)
    {
        var secret = configuration["JWT_SECRET"];
        var weakness = Weakness(secret);
        if (weakness is not null)
        {
            if (serving && !environment.IsDevelopment())
                throw new InvalidOperationException($"JWT_SECRET is {weakness}. Set a random secret of at least {MinimumSecretLength} characters (for example: openssl rand -base64 48).");
            secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        }

        return new JwtSettings
        {
            SigningKey = Encoding.UTF8.GetBytes(secret!),
            AccessTokenLifetime = ParseLifetime(configuration["JWT_EXPIRATION"]) ?? TimeSpan.FromMinutes(15),
        };
    }

    /// <summary>Why a secret is unusable, or null when it is fine.</summary>
    public static string? Weakness(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret)) return "missing";
        if (secret.Length < MinimumSecretLength) return $"shorter than {MinimumSecretLength} characters";
        if (secret.Distinct().Count() < 10) return "too repetitive";
        if (KnownPlaceholder().IsMatch(secret)) return "a placeholder";
        return null;
    }

    /// <summary>Accepts seconds ("900") or a number with a unit ("15m", "1h", "30s", "1d").</summary>
    public static TimeSpan? ParseLifetime(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var match = LifetimePattern().Match(value.Trim());
        if (!match.Success) throw new InvalidOperationException($"JWT_EXPIRATION '{value}' is not a duration like 900, 15m or 1h.");
        var amount = int.Parse(match.Groups[1].Value);
        var lifetime = match.Groups[2].Value switch
        {
            "" or "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromDays(amount),
        };
        return lifetime > TimeSpan.Zero ? lifetime : throw new InvalidOperationException("JWT_EXPIRATION must be positive.");
    }

    [GeneratedRegex(@"^(\d{1,7})([smhd]?)$")]
    private static partial Regex LifetimePattern();

    [GeneratedRegex("change.?me|secret|example|placeholder", RegexOptions.IgnoreCase)]
    private static partial Regex KnownPlaceholder();
}
