using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace MedAesthetics.Api.Platform.Http.Outbound;

/// <summary>Which failures an outbound client retries within one call.</summary>
public enum OutboundRetry
{
    /// <summary>Never: the caller's own job retries (and records) every attempt.</summary>
    None,
    /// <summary>
    /// Only failures where the request cannot have reached the provider (DNS, refused or failed connection, TLS
    /// handshake): safe for calls that are not idempotent (an SMS, a push, a webhook POST), which must not be sent twice.
    /// </summary>
    ConnectFailuresOnly,
    /// <summary>Every transient failure (5xx, 408, 429 with Retry-After, timeouts, transport errors): for idempotent reads (GET).</summary>
    Transient,
}

/// <summary>How one named outbound client behaves. The defaults suit a provider call of a background job.</summary>
public sealed record OutboundPolicy
{
    /// <summary>One attempt's limit.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>The whole call's limit, retries and their waits included.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public OutboundRetry Retry { get; init; } = OutboundRetry.ConnectFailuresOnly;
    public int MaxRetries { get; init; } = 2;
    /// <summary>The first retry's median wait; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    /// <summary>The most HttpClient buffers of an answer (a buffered read past it throws); stream reads use <see cref="OutboundBody"/>.</summary>
    public long MaxResponseBytes { get; init; } = OutboundBody.DefaultMaxBytes;
}

/// <summary>
/// Every outbound HTTP call goes through a named client registered here:
/// <code>
/// services.AddOutboundHttpClient("my-provider", new OutboundPolicy { Retry = OutboundRetry.Transient });   // registration
/// var answer = await httpClientFactory.CreateClient("my-provider").SendCappedAsync(request, cancellationToken);   // use
/// </code>
/// The pipeline, outermost first: a total timeout, the retry of <see cref="OutboundPolicy.Retry"/> (exponential backoff
/// with jitter), a circuit breaker (half the calls failing among at least 20 in 30 s opens it for 30 s; an open circuit
/// throws <see cref="Polly.CircuitBreaker.BrokenCircuitException"/> at once), and a per-attempt timeout
/// (<see cref="Polly.Timeout.TimeoutRejectedException"/>). <see cref="OutboundBody"/> reads answers with a size cap.
/// Callers treat the exceptions of <see cref="OutboundBody.IsTransient"/> as "try again later".
/// </summary>
public static class OutboundHttp
{
    public static IHttpClientBuilder AddOutboundHttpClient(this IServiceCollection services, string name, OutboundPolicy policy)
    {
        var builder = services.AddHttpClient(name, client =>
        {
            client.Timeout = Timeout.InfiniteTimeSpan;   // the pipeline's timeouts rule
            client.MaxResponseContentBufferSize = policy.MaxResponseBytes;
        });
        builder.AddResilienceHandler($"{name}-outbound", pipeline =>
        {
            pipeline.AddTimeout(policy.TotalTimeout);
            if (policy.Retry != OutboundRetry.None && policy.MaxRetries > 0)
            {
                var retry = new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = policy.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = policy.RetryDelay,
                };
                if (policy.Retry == OutboundRetry.ConnectFailuresOnly)
                    retry.ShouldHandle = args => ValueTask.FromResult(NeverReachedTheServer(args.Outcome.Exception));
                pipeline.AddRetry(retry);
            }
            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 20,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(30),
            });
            pipeline.AddTimeout(policy.AttemptTimeout);
        });
        return builder;
    }

    /// <summary>True for failures before a byte of the request left: name resolution, connecting, the TLS handshake.</summary>
    public static bool NeverReachedTheServer(Exception? exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError };
}
