using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Reflection;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Infrastructure;

/// <summary>
/// The real API as a separate process (`dotnet MedAesthetics.Api.dll`, the assembly the API project's build wrote) over
/// a test database, on a free loopback port: for what an in-process host cannot show, a kill -9 or two nodes.
/// Settings go in as environment variables ("Outbox:DispatcherEnabled" becomes Outbox__DispatcherEnabled).
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private static readonly string[] Inherited = ["PATH", "HOME", "TMPDIR", "DOTNET_ROOT", "DOTNET_CLI_HOME", "LANG", "LC_ALL", "USER"];
    private readonly Process _process;
    private readonly Queue<string> _output = new();

    public string Name { get; }
    public int Port { get; }
    public Uri BaseAddress { get; }

    private ApiProcess(string name, int port, Process process)
    {
        Name = name;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _process = process;
    }

    public static string AssemblyPath =>
        typeof(ApiProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ApiAssemblyPath").Value!;

    /// <summary>The settings every test process shares with ApiFactory: its JWT secret (tokens minted in-process work here), cheap hashing, quiet logs.</summary>
    private static Dictionary<string, string?> Defaults(string database) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        ["DATABASE_URL"] = TestDatabase.ConnectionStringFor(database),
        ["JWT_SECRET"] = ApiFactory.JwtSecret,
        ["Identity:PasswordHashIterations"] = "1000",
        ["AUTH_RATE_LIMIT_PER_MINUTE"] = "100000",
        ["LOG_LEVEL"] = "Warning",
        ["Outbox:PollMilliseconds"] = "200",
        ["Jobs:WorkerCount"] = "2",
    };

    public static async Task<ApiProcess> StartAsync(string name, string database, IEnumerable<(string Key, string? Value)> settings)
    {
        var path = AssemblyPath;
        if (!File.Exists(path))
            throw new InvalidOperationException($"The API assembly is not at {path}: build the solution (./test.sh does) before these tests.");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(path)!,
        };
        start.ArgumentList.Add(path);
        // Only the basics of the runner's environment: a DATABASE_URL or OTEL_* of the shell must not leak in.
        start.Environment.Clear();
        foreach (var key in Inherited)
            if (Environment.GetEnvironmentVariable(key) is { } value)
                start.Environment[key] = value;
        var all = Defaults(database);
        foreach (var (key, value) in settings)
            all[key] = value;
        all["PORT"] = port.ToString();
        all["HOST"] = "127.0.0.1";
        foreach (var (key, value) in all)
            if (value is not null)
                start.Environment[key.Replace(":", "__")] = value;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var api = new ApiProcess(name, port, process);
        process.OutputDataReceived += (_, e) => api.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => api.Remember(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await api.WaitUntilLiveAsync(TimeSpan.FromSeconds(240));
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
        return api;
    }

    public HttpClient Client(string? accessToken = null)
    {
        // Generous: on a loaded CI machine a fresh process's first requests (JIT, EF model, hashing) are slow.
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(180) };
        if (accessToken is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>SIGKILL (what Process.Kill sends on Unix): no shutdown, no flush, no drain; the database sees the connections drop.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit(30_000);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The process's last lines of output, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return $"--- {Name} (port {Port}) ---\n{string.Join('\n', _output)}";
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
            return;
        lock (_output)
        {
            _output.Enqueue(line.Length > 2000 ? line[..2000] : line);
            while (_output.Count > 200)
                _output.Dequeue();
        }
    }

    private async Task WaitUntilLiveAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The API process exited with code {_process.ExitCode} while starting.\n{Output}");
            try
            {
                if ((await client.GetAsync("health/live")).StatusCode == HttpStatusCode.OK)
                {
                    // Warm-up, whatever it answers (a lagging outbox may make a node not ready): the database was
                    // reached once, so the test's first request is not the one that pays for it.
                    await client.GetAsync("health/ready");
                    return;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The API process did not answer /health/live within {timeout.TotalSeconds} s.\n{Output}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Polls until the condition holds; fails with the message and the processes' output otherwise.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, params ApiProcess[] processes)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out after {timeout.TotalSeconds} s waiting for: {what}\n{string.Join('\n', processes.Select(p => p.Output))}");
            await Task.Delay(250);
        }
    }
}

/// <summary>The start of a whole hour a few hours back: a slot staff may enter after the fact and complete at once.</summary>
public static class WallClock
{
    public static Instant Now => SystemClock.Instance.GetCurrentInstant();

    public static Instant HourStart(Instant at) => Instant.FromUnixTimeSeconds(at.ToUnixTimeSeconds() / 3600 * 3600);

    public static Instant HoursAgo(int hours) => HourStart(Now) - Duration.FromHours(hours);

    public static Instant HoursAhead(int hours) => HourStart(Now) + Duration.FromHours(hours);
}
