using System.Text.Json;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Http;

namespace MedAesthetics.Api.Modules.Notifications.Channels;

/// <summary>
/// OAuth2 access tokens for FCM from a service-account file (FIREBASE_CREDENTIALS_FILE or GOOGLE_APPLICATION_CREDENTIALS)
/// through Google.Apis.Auth, which signs the JWT grant, posts it to the file's token_uri and caches the token until it
/// nearly expires. The token request goes through the outbound client <see cref="ClientName"/> (timeouts, retries,
/// circuit breaker, capped answer), and Google's own backoff is off so that retries do not multiply.
/// </summary>
public sealed class FcmAccessToken(ChannelSettings settings, System.Net.Http.IHttpMessageHandlerFactory handlers)
{
    public const string Scope = "https://www.googleapis.com/auth/firebase.messaging";
    public const string ClientName = "fcm-token";

    private readonly Lazy<ServiceAccountCredential> _credential = new(() => Load(settings.FirebaseCredentialsFile!, new OutboundGoogleHttpClients(handlers, ClientName)));

    public Task<string> GetAsync(CancellationToken cancellationToken) =>
        _credential.Value.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken);

    /// <summary>Why the file cannot serve, or null when it reads as a service account.</summary>
    public static string? Problem(string path)
    {
        try
        {
            Load(path, null);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or ArgumentException or FormatException
                                  or System.Security.Cryptography.CryptographicException)
        {
            return $"the Firebase credentials file cannot be used: {e.Message}";
        }
    }

    private static ServiceAccountCredential Load(string path, Google.Apis.Http.IHttpClientFactory? httpClients)
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
            DefaultExponentialBackOffPolicy = ExponentialBackOffPolicy.None,
        };
        if (httpClients is not null)
            initializer.HttpClientFactory = httpClients;
        return new ServiceAccountCredential(initializer.FromPrivateKey(Field("private_key")));
    }
}

/// <summary>
/// Google's client libraries build their own HttpClient; this one builds it on the handler of a named outbound client
/// (Platform/Http/Outbound), with the same cap on what it buffers of an answer.
/// </summary>
public sealed class OutboundGoogleHttpClients(System.Net.Http.IHttpMessageHandlerFactory handlers, string clientName) : Google.Apis.Http.IHttpClientFactory
{
    public ConfigurableHttpClient CreateHttpClient(CreateHttpClientArgs args)
    {
        var handler = new ConfigurableMessageHandler(handlers.CreateHandler(clientName)) { ApplicationName = args.ApplicationName };
        var client = new ConfigurableHttpClient(handler) { MaxResponseContentBufferSize = Platform.Http.Outbound.OutboundBody.DefaultMaxBytes };
        foreach (var initializer in args.Initializers)
            initializer.Initialize(client);
        return client;
    }
}
