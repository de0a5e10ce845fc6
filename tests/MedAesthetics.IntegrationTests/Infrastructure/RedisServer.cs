using System.Diagnostics;
using System.Net.Sockets;

namespace MedAesthetics.IntegrationTests.Infrastructure;

/// <summary>
/// A real Redis for the SignalR backplane: TEST_REDIS_URL (./test.sh starts a throwaway redis-server and sets it), else
/// a redis-server from PATH started here on a free port and stopped at the end. Without either the test fails: the
/// two-node proof needs Redis (CI installs the Debian package redis-server).
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;
    public string Url { get; private set; } = "";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer();
        if (Environment.GetEnvironmentVariable("TEST_REDIS_URL") is { Length: > 0 } url)
        {
            server.Url = url;
            return server;
        }
        var port = ApiProcess.FreePort();
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
            start.ArgumentList.Add(argument);
        try
        {
            server._process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("The two-node tests need Redis: install the Debian package redis-server, or set TEST_REDIS_URL.", e);
        }
        server._process!.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        server.Url = $"redis://127.0.0.1:{port}";
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        await server.DisposeAsync();
        throw new InvalidOperationException($"redis-server did not listen on port {port}.");
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }
}
