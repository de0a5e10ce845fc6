using System.Text.Json;
using MedAesthetics.Api.Platform.Http.Outbound;

namespace MedAesthetics.Api.Modules.Notifications.Channels;

/// <summary>
/// Viber's REST bot API: POST {VIBER_API_URL}/pa/send_message with the X-Viber-Auth-Token header, a text message to the
/// user's Viber id (set by the user in the notification preferences, as viberUserId). Viber answers 200 with a status
/// field: 0 is ok, anything else (not subscribed, unknown receiver) is a rejection.
/// </summary>
public sealed class ViberChannel(ChannelSettings settings, IHttpClientFactory http) : INotificationChannel
{
    public const string ClientName = "viber";

    public NotificationChannel Channel => NotificationChannel.Viber;

    public string? Unconfigured => settings.ViberAuthToken is null ? "Viber is not configured (VIBER_AUTH_TOKEN)" : null;

    public string? CannotReach(Recipient recipient) => recipient.ViberUserId is null ? "the user has no Viber id" : null;

    public Task<SendResult> SendAsync(OutgoingMessage message, Recipient recipient, CancellationToken cancellationToken) =>
        HttpSending.GuardAsync("Viber", async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{settings.ViberApiUrl}/pa/send_message")
            {
                Content = ProviderJson.Content(new
                {
                    receiver = recipient.ViberUserId,
                    min_api_version = 1,
                    sender = new { name = settings.ViberSenderName },
                    tracking_data = message.NotificationId.ToString(),
                    type = "text",
                    text = $"{message.Title}\n{message.Body}",
                }),
            };
            request.Headers.Add("X-Viber-Auth-Token", settings.ViberAuthToken);
            var answer = await http.CreateClient(ClientName).SendCappedAsync(request, cancellationToken, HttpSending.MaxAnswerBytes);
            var body = answer.Body;
            var result = SendResult.FromStatus(answer.Status, "Viber", body);
            if (result.Status != SendStatus.Sent)
                return result;
            try
            {
                using var json = JsonDocument.Parse(body);
                var status = json.RootElement.TryGetProperty("status", out var s) && s.TryGetInt32(out var n) ? n : 0;
                return status == 0 ? SendResult.Sent : SendResult.Reject($"Viber status {status}: {SendResult.Trim(body)}");
            }
            catch (JsonException)
            {
                return SendResult.Reject($"Viber answered something unreadable: {SendResult.Trim(body)}");
            }
        }, cancellationToken);
}
