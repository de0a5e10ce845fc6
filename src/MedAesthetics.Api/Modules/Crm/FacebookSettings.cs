namespace MedAesthetics.Api.Modules.Crm;

/// <summary>
/// Facebook Lead Ads configuration, read from the environment: the verify token of the subscription handshake, the app
/// secret that signs deliveries (X-Hub-Signature-256), the page access token (leads_retrieval) that reads a lead from
/// the Graph API, and where the Graph API is.
/// </summary>
public sealed record FacebookSettings(string? VerifyToken, string? AppSecret, string? PageAccessToken, string GraphUrl, string GraphVersion)
{
    public const string DefaultGraphUrl = "https://graph.facebook.com";
    public const string DefaultGraphVersion = "v21.0";

    public static FacebookSettings FromConfiguration(IConfiguration configuration)
    {
        string? Value(string key) => configuration[key] is { Length: > 0 } value ? value.Trim() : null;
        return new FacebookSettings(
            Value("FACEBOOK_VERIFY_TOKEN"),
            Value("FACEBOOK_APP_SECRET"),
            Value("FACEBOOK_PAGE_ACCESS_TOKEN"),
            (Value("FACEBOOK_GRAPH_URL") ?? DefaultGraphUrl).TrimEnd('/'),
            (Value("FACEBOOK_GRAPH_VERSION") ?? DefaultGraphVersion).Trim('/'));
    }
}
