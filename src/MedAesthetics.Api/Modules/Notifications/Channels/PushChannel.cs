using System.Net;
using System.Net.Http.Headers;
using MedAesthetics.Api.Platform.Http.Outbound;

namespace MedAesthetics.Api.Modules.Notifications.Channels;

/// <summary>
/// Push through Firebase Cloud Messaging HTTP v1: POST {FCM_BASE_URL}/v1/projects/{FIREBASE_PROJECT_ID}/messages:send
/// for each of the user's devices, with a service-account access token. A token FCM calls UNREGISTERED (or answers 404
/// for) is reported dead, and the caller removes that device.
/// </summary>
public sealed class PushChannel(ChannelSettings settings, IHttpClientFactory http, FcmAccessToken tokens) : INotificationChannel
{
    public const string ClientName = "fcm";

    private readonly Lazy<string?> _unconfigured = new(() =>
        settings.FirebaseProjectId is null || settings.FirebaseCredentialsFile is null
            ? "push is not configured (FIREBASE_PROJECT_ID and FIREBASE_CREDENTIALS_FILE or GOOGLE_APPLICATION_CREDENTIALS)"
            : FcmAccessToken.Problem(settings.FirebaseCredentialsFile));

    public NotificationChannel Channel => NotificationChannel.Push;

    public string? Unconfigured => _unconfigured.Value;

    public string? CannotReach(Recipient recipient) => recipient.Devices.Count == 0 ? "the user has no registered device" : null;

    public Task<SendResult> SendAsync(OutgoingMessage message, Recipient recipient, CancellationToken cancellationToken) =>
        HttpSending.GuardAsync("FCM", async () =>
        {
            var accessToken = await tokens.GetAsync(cancellationToken);
            var client = http.CreateClient(ClientName);
            var dead = new List<Guid>();
            var failures = new List<SendResult>();
            var sent = 0;
            foreach (var device in recipient.Devices)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"{settings.FcmBaseUrl}/v1/projects/{settings.FirebaseProjectId}/messages:send")
                {
                    Content = ProviderJson.Content(new
                    {
                        message = new
                        {
                            token = device.Token,
                            notification = new { title = message.Title, body = message.Body },
                            data = message.Data,
                        },
                    }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
                var answer = await client.SendCappedAsync(request, cancellationToken, HttpSending.MaxAnswerBytes);
                var body = answer.Body;
                if (answer.Status == HttpStatusCode.NotFound || body.Contains("UNREGISTERED", StringComparison.Ordinal))
                    dead.Add(device.DeviceId);
                else if (SendResult.FromStatus(answer.Status, "FCM", body) is { Status: not SendStatus.Sent } failure)
                    failures.Add(failure);
                else
                    sent++;
            }
            if (sent > 0)
                return SendResult.Sent with { DeadDevices = dead };
            if (failures.FirstOrDefault(f => f.Status == SendStatus.Failed) is { } retry)
                return retry with { DeadDevices = dead };
            return (failures.FirstOrDefault() ?? SendResult.Reject("FCM: every device token is unregistered; the devices were removed")) with { DeadDevices = dead };
        }, cancellationToken);
}
