using System.Net.Http.Headers;
using MedAesthetics.Api.Platform.Http.Outbound;

namespace MedAesthetics.Api.Modules.Notifications.Channels;

/// <summary>
/// SMS through an HTTP gateway: POST {SMS_GATEWAY_URL} with "Authorization: Bearer {SMS_GATEWAY_API_KEY}" and the JSON
/// {"to": E.164, "text", "from"}; any 2xx is accepted. An operator puts a provider's adapter behind this shape.
/// </summary>
public sealed class SmsChannel(ChannelSettings settings, IHttpClientFactory http) : INotificationChannel
{
    public const string ClientName = "sms";

    public NotificationChannel Channel => NotificationChannel.Sms;

    public string? Unconfigured =>
        settings.SmsGatewayUrl is null || settings.SmsGatewayApiKey is null ? "SMS is not configured (SMS_GATEWAY_URL and SMS_GATEWAY_API_KEY)" : null;

    public string? CannotReach(Recipient recipient) => recipient.Phone is null ? "the user has no valid phone number" : null;

    public Task<SendResult> SendAsync(OutgoingMessage message, Recipient recipient, CancellationToken cancellationToken) =>
        HttpSending.GuardAsync("SMS gateway", async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, settings.SmsGatewayUrl)
            {
                Content = ProviderJson.Content(new { to = recipient.Phone, text = $"{message.Title}: {message.Body}", from = settings.SmsFrom }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.SmsGatewayApiKey);
            var answer = await http.CreateClient(ClientName).SendCappedAsync(request, cancellationToken, HttpSending.MaxAnswerBytes);
            return SendResult.FromStatus(answer.Status, "SMS gateway", answer.Body);
        }, cancellationToken);
}
