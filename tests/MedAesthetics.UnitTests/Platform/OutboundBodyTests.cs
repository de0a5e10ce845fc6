using System.Net;
using MedAesthetics.Api.Platform.Http.Outbound;

namespace MedAesthetics.UnitTests.Platform;

public sealed class OutboundBodyTests
{
    /// <summary>An endless answer that counts what was read of it.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'x', offset, count);
            Served += count;
            return count;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task A_huge_answer_is_read_only_up_to_the_cap_and_reported_truncated()
    {
        var endless = new EndlessStream();
        var (text, truncated) = await OutboundBody.ReadTextAsync(new StreamContent(endless), 64 * 1024, CancellationToken.None);

        Assert.True(truncated);
        Assert.Equal(64 * 1024, text.Length);
        Assert.InRange(endless.Served, 64 * 1024 + 1, 64 * 1024 + 32 * 1024);
    }

    [Fact]
    public async Task An_answer_within_the_cap_is_read_whole()
    {
        var (text, truncated) = await OutboundBody.ReadTextAsync(new StringContent("""{"status":0}"""), 64 * 1024, CancellationToken.None);
        Assert.False(truncated);
        Assert.Equal("""{"status":0}""", text);

        var (exact, cut) = await OutboundBody.ReadTextAsync(new StringContent(new string('y', 100)), 100, CancellationToken.None);
        Assert.False(cut);
        Assert.Equal(100, exact.Length);
    }

    [Fact]
    public void Only_failures_before_the_request_left_are_retried_for_calls_that_are_not_idempotent()
    {
        Assert.True(OutboundHttp.NeverReachedTheServer(new HttpRequestException(HttpRequestError.ConnectionError, "refused")));
        Assert.True(OutboundHttp.NeverReachedTheServer(new HttpRequestException(HttpRequestError.NameResolutionError, "no such host")));
        Assert.False(OutboundHttp.NeverReachedTheServer(new HttpRequestException(HttpRequestError.ResponseEnded, "cut off")));
        Assert.False(OutboundHttp.NeverReachedTheServer(new TimeoutException()));
        Assert.False(OutboundHttp.NeverReachedTheServer(null));
    }

    [Fact]
    public void Transport_errors_timeouts_and_an_open_circuit_are_transient_but_the_callers_cancellation_is_not()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.True(OutboundBody.IsTransient(new HttpRequestException("x"), CancellationToken.None));
        Assert.True(OutboundBody.IsTransient(new Polly.Timeout.TimeoutRejectedException(), CancellationToken.None));
        Assert.True(OutboundBody.IsTransient(new Polly.CircuitBreaker.BrokenCircuitException(), CancellationToken.None));
        Assert.True(OutboundBody.IsTransient(new TaskCanceledException(), CancellationToken.None));
        Assert.False(OutboundBody.IsTransient(new TaskCanceledException(), cancelled.Token));
        Assert.False(OutboundBody.IsTransient(new InvalidOperationException(), CancellationToken.None));
    }
}
