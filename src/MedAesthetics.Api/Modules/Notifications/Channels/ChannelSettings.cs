namespace MedAesthetics.Api.Modules.Notifications.Channels;

/// <summary>The channels' environment variables (ARCHITECTURE.md "Configuration"), read once at start-up.</summary>
public sealed record ChannelSettings
{
    public string? SmtpHost { get; init; }
    public int SmtpPort { get; init; } = 587;
    public string? SmtpUser { get; init; }
    public string? SmtpPassword { get; init; }
    public string? MailFrom { get; init; }

    public string? FirebaseProjectId { get; init; }
    public string? FirebaseCredentialsFile { get; init; }
    public string FcmBaseUrl { get; init; } = "https://fcm.googleapis.com";

    public string? SmsGatewayUrl { get; init; }
    public string? SmsGatewayApiKey { get; init; }
    public string SmsFrom { get; init; } = "MedAesthetics";

    public string ViberApiUrl { get; init; } = "https://chatapi.viber.com";
    public string? ViberAuthToken { get; init; }
    public string ViberSenderName { get; init; } = "MedAesthetics";

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public static ChannelSettings FromConfiguration(IConfiguration configuration)
    {
        string? Value(string key) => configuration[key] is { Length: > 0 } value ? value.Trim() : null;
        var defaults = new ChannelSettings();
        return new ChannelSettings
        {
            SmtpHost = Value("SMTP_HOST"),
            SmtpPort = int.TryParse(Value("SMTP_PORT"), out var port) ? port : defaults.SmtpPort,
            SmtpUser = Value("SMTP_USER"),
            SmtpPassword = Value("SMTP_PASSWORD"),
            MailFrom = Value("MAIL_FROM"),
            FirebaseProjectId = Value("FIREBASE_PROJECT_ID"),
            FirebaseCredentialsFile = Value("FIREBASE_CREDENTIALS_FILE") ?? Value("GOOGLE_APPLICATION_CREDENTIALS"),
            FcmBaseUrl = (Value("FCM_BASE_URL") ?? defaults.FcmBaseUrl).TrimEnd('/'),
            SmsGatewayUrl = Value("SMS_GATEWAY_URL"),
            SmsGatewayApiKey = Value("SMS_GATEWAY_API_KEY"),
            SmsFrom = Value("SMS_FROM") ?? defaults.SmsFrom,
            ViberApiUrl = (Value("VIBER_API_URL") ?? defaults.ViberApiUrl).TrimEnd('/'),
            ViberAuthToken = Value("VIBER_AUTH_TOKEN"),
            ViberSenderName = Value("VIBER_SENDER_NAME") ?? defaults.ViberSenderName,
            Timeout = TimeSpan.FromSeconds(int.TryParse(Value("NOTIFICATION_TIMEOUT_SECONDS"), out var seconds) && seconds > 0 ? seconds : 10),
        };
    }
}
