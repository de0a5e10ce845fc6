using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using NodaTime;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace MedAesthetics.Api.Modules.Webhooks;

/// <summary>
/// One HTTP try of a delivery: POST of the stored body with its signature and the event's id and type. At most 4 KB of
/// the answer is read back. A refused address (SSRF) fails the delivery at once; everything else that is not 2xx may
/// be tried again.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory http, WebhookOptions options)
{
    public const string SignatureHeader = "X-MedAesthetics-Signature-256";
    public const string EventIdHeader = "X-MedAesthetics-Event-Id";
    public const string EventTypeHeader = "X-MedAesthetics-Event-Type";
    public const string DeliveryIdHeader = "X-MedAesthetics-Delivery-Id";
    public const string TimestampHeader = "X-MedAesthetics-Timestamp";
    private const int MaxErrorLength = 1000;

    public async Task<AttemptOutcome> SendAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, Instant now, CancellationToken cancellationToken)
    {
        if (WebhookUrlPolicy.CheckShape(endpoint.Url, options.RequireHttps, options.AllowLoopback) is { } refused)
            return new AttemptOutcome(false, null, Trim(refused), 0, null, Retryable: false);

        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(SignatureHeader, WebhookSigner.Sign(body, endpoint.Secret));
        request.Headers.Add(EventIdHeader, delivery.EventId.ToString());
        request.Headers.Add(EventTypeHeader, delivery.EventType);
        request.Headers.Add(DeliveryIdHeader, delivery.Id.ToString());
        request.Headers.Add(TimestampHeader, now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("MedAesthetics-Webhooks", "1.0"));

        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.CreateClient(WebhookHttp.ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var answer = Encoding.UTF8.GetString(await WebhookHttp.ReadCappedAsync(response.Content, cancellationToken));
            var code = (int)response.StatusCode;
            var succeeded = code is >= 200 and < 300;
            return new AttemptOutcome(succeeded, code, succeeded ? null : $"The receiver answered {code}.", Elapsed(watch), answer.Length == 0 ? null : answer, Retryable: true);
        }
        catch (Exception e) when (Refusal(e) is { } refusal)
        {
            return new AttemptOutcome(false, null, Trim(refusal.Message), Elapsed(watch), null, Retryable: false);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or IOException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var error = e switch
            {
                TimeoutRejectedException => $"No answer within {options.Timeout.TotalSeconds:0} seconds.",
                BrokenCircuitException => "Not tried: the receiver failed repeatedly and its circuit is open for a while.",
                _ => $"Unreachable: {e.Message}",
            };
            return new AttemptOutcome(false, null, Trim(error), Elapsed(watch), null, Retryable: true);
        }
    }

    private static WebhookAddressRefusedException? Refusal(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is WebhookAddressRefusedException refused)
                return refused;
        return null;
    }

    private static int Elapsed(Stopwatch watch) => (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds);

    private static string Trim(string text) => text.Length > MaxErrorLength ? text[..MaxErrorLength] : text;
}
