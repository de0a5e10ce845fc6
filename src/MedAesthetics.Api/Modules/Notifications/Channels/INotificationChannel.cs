namespace MedAesthetics.Api.Modules.Notifications.Channels;

/// <summary>Where a message goes: the user and the addresses each channel needs (E.164 phone, Viber id, device tokens).</summary>
public sealed record Recipient(Guid UserId, string Email, string? Phone, string Locale, string Timezone, string? ViberUserId, IReadOnlyList<DeviceToken> Devices, bool IsActive);

public sealed record DeviceToken(Guid DeviceId, string Token);

public sealed record OutgoingMessage(Guid NotificationId, string Type, string Title, string Body, IReadOnlyDictionary<string, string> Data, DateTimeOffset CreatedAt);

public enum SendStatus
{
    Sent,
    /// <summary>May succeed later (a 5xx, a timeout): retried with backoff.</summary>
    Failed,
    /// <summary>Will never succeed as it is (a 4xx, an unknown receiver): failed at once.</summary>
    Rejected,
}

public sealed record SendResult(SendStatus Status, string? Reason = null, IReadOnlyList<Guid>? DeadDevices = null)
{
    public static readonly SendResult Sent = new(SendStatus.Sent);
    public static SendResult Retry(string reason) => new(SendStatus.Failed, reason);
    public static SendResult Reject(string reason) => new(SendStatus.Rejected, reason);

    /// <summary>An HTTP provider's answer: 2xx sent, 408/429/5xx worth retrying, any other 4xx rejected.</summary>
    public static SendResult FromStatus(System.Net.HttpStatusCode status, string provider, string body)
    {
        var code = (int)status;
        if (code is >= 200 and < 300)
            return Sent;
        var reason = $"{provider} answered {code}: {Trim(body)}";
        return code is 408 or 429 or >= 500 ? Retry(reason) : Reject(reason);
    }

    public static string Trim(string text) => text.Length > 300 ? text[..300] : text;
}

/// <summary>One way of reaching a user. Every channel is configured by environment; an unconfigured one says why and is skipped.</summary>
public interface INotificationChannel
{
    NotificationChannel Channel { get; }

    /// <summary>Why the channel is off (missing configuration), or null when it is on.</summary>
    string? Unconfigured { get; }

    /// <summary>Why this recipient cannot be reached here (no phone, no device), or null.</summary>
    string? CannotReach(Recipient recipient);

    Task<SendResult> SendAsync(OutgoingMessage message, Recipient recipient, CancellationToken cancellationToken);
}

/// <summary>JSON for providers: camelCase as written, non-ASCII text (Greek) and '+' left unescaped.</summary>
public static class ProviderJson
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static System.Net.Http.Json.JsonContent Content<T>(T body) => System.Net.Http.Json.JsonContent.Create(body, options: Options);
}

/// <summary>Sends through an HTTP client and turns transport failures (timeouts of the resilience pipeline, refused connections) into retries.</summary>
public static class HttpSending
{
    /// <summary>The most of a provider's answer that is read: enough for its status and error text.</summary>
    public const int MaxAnswerBytes = 64 * 1024;

    public static async Task<SendResult> GuardAsync(string provider, Func<Task<SendResult>> send, CancellationToken cancellationToken)
    {
        try
        {
            return await send();
        }
        catch (Exception e) when (Platform.Http.Outbound.OutboundBody.IsTransient(e, cancellationToken))
        {
            return SendResult.Retry($"{provider} unreachable: {e.Message}");
        }
    }
}
