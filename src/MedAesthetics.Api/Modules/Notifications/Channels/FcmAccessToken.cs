using System.Text.Json;
using Google.Apis.Auth.OAuth2;

namespace MedAesthetics.Api.Modules.Notifications.Channels;

/// <summary>
/// OAuth2 access tokens for FCM from a service-account file (FIREBASE_CREDENTIALS_FILE or GOOGLE_APPLICATION_CREDENTIALS)
/// through Google.Apis.Auth, which signs the JWT grant, posts it to the file's token_uri and caches the token until it
/// nearly expires.
/// </summary>
public sealed class FcmAccessToken(ChannelSettings settings)
{
    public const string Scope = "https://www.googleapis.com/auth/firebase.messaging";

    private readonly Lazy<ServiceAccountCredential> _credential = new(() => Load(settings.FirebaseCredentialsFile!));

    public Task<string> GetAsync(CancellationToken cancellationToken) =>
        _credential.Value.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken);

    /// <summary>Why the file cannot serve, or null when it reads as a service account.</summary>
    public static string? Problem(string path)
    {
        try
        {
            Load(path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or ArgumentException or FormatException
                                  or System.Security.Cryptography.CryptographicException)
        {
            return $"the Firebase credentials file cannot be used: {e.Message}";
        }
    }

    private static ServiceAccountCredential Load(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        string Field(string name) => root.TryGetProperty(name, out var value) && value.GetString() is { Length: > 0 } text
            ? text
            : throw new InvalidOperationException($"'{name}' is missing.");
        var tokenUri = root.TryGetProperty("token_uri", out var uri) && uri.GetString() is { Length: > 0 } given
            ? given
            : GoogleAuthConsts.OidcTokenUrl;
        var initializer = new ServiceAccountCredential.Initializer(Field("client_email"), tokenUri)
        {
            Scopes = [Scope],
            KeyId = root.TryGetProperty("private_key_id", out var keyId) ? keyId.GetString() : null,
        };
        return new ServiceAccountCredential(initializer.FromPrivateKey(Field("private_key")));
    }
}
