using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace MedAesthetics.Api.Modules.Webhooks;

/// <summary>
/// The webhooks' HTTP client, in one place so it can be swapped for a shared resilient-HTTP helper: IHttpClientFactory with
/// a primary SocketsHttpHandler whose connect step checks the resolved address (SSRF, DNS rebinding), no proxy and no
/// redirects; a Microsoft.Extensions.Http.Resilience pipeline per receiver authority with a circuit breaker and a
/// per-attempt timeout. There is no retry here: a failed attempt is recorded and tried again later by the delivery job.
/// </summary>
public static class WebhookHttp
{
    public const string ClientName = "webhooks";
    /// <summary>At most this much of a receiver's answer is read back; the first 1 KB of it is kept with the attempt.</summary>
    public const int MaxResponseBytes = 4096;

    public static IServiceCollection AddWebhookHttpClient(this IServiceCollection services)
    {
        services.AddHttpClient(ClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                ConnectCallback = provider.GetRequiredService<WebhookUrlPolicy>().ConnectAsync,
                UseProxy = false,
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectTimeout = TimeSpan.FromSeconds(10),
                MaxResponseHeadersLength = 64,
            })
            .AddResilienceHandler("webhooks", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<WebhookOptions>();
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 10,
                    SamplingDuration = TimeSpan.FromMinutes(1),
                    BreakDuration = TimeSpan.FromSeconds(30),
                });
                pipeline.AddTimeout(options.Timeout);
            })
            .SelectPipelineByAuthority();
        return services;
    }

    /// <summary>Reads at most <see cref="MaxResponseBytes"/> of a response body, whatever it claims its length is.</summary>
    public static async Task<byte[]> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxResponseBytes];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
            read += n;
        return buffer[..read];
    }
}
