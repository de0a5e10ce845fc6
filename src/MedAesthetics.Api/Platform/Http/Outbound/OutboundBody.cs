using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace MedAesthetics.Api.Platform.Http.Outbound;

/// <summary>An answer read with a cap: its status, headers and at most the cap's bytes of body (as UTF-8 text).</summary>
public sealed record OutboundAnswer(HttpStatusCode Status, HttpResponseHeaders Headers, string Body, bool Truncated)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;
}

/// <summary>
/// Reads provider answers without trusting their size: at most <c>maxBytes</c> are read, the rest is left unread (the
/// connection is dropped when the response is disposed). Send with <see cref="HttpCompletionOption.ResponseHeadersRead"/>
/// (as <see cref="SendCappedAsync"/> does), or HttpClient buffers the whole answer first.
/// </summary>
public static class OutboundBody
{
    public const int DefaultMaxBytes = 256 * 1024;
    private const int Chunk = 16 * 1024;

    /// <summary>Sends, reads the answer's body up to <paramref name="maxBytes"/>, and disposes the response.</summary>
    public static async Task<OutboundAnswer> SendCappedAsync(this HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken,
        int maxBytes = DefaultMaxBytes)
    {
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var (body, truncated) = await ReadTextAsync(response.Content, maxBytes, cancellationToken);
        return new OutboundAnswer(response.StatusCode, response.Headers, body, truncated);
    }

    /// <summary>The body's first <paramref name="maxBytes"/> bytes as text, and whether there was more.</summary>
    public static async Task<(string Text, bool Truncated)> ReadTextAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[Math.Min(maxBytes + 1, Chunk)];
        var total = 0;
        while (total <= maxBytes)
        {
            if (total == buffer.Length)
                Array.Resize(ref buffer, Math.Min(maxBytes + 1, buffer.Length * 2));
            var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken);
            if (read == 0)
                break;
            total += read;
        }
        var truncated = total > maxBytes;
        return (Encoding.UTF8.GetString(buffer, 0, Math.Min(total, maxBytes)), truncated);
    }

    /// <summary>
    /// Failures worth another try later: transport errors, a timeout of the pipeline or of HttpClient, an open circuit.
    /// A cancellation the caller asked for is not one.
    /// </summary>
    public static bool IsTransient(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or IOException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException
        || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested);
}
