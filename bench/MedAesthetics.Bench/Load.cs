using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace MedAesthetics.Bench;

/// <summary>An HTTP answer: status (-1 when the request failed without one) and body.</summary>
public readonly record struct Reply(int Status, byte[] Body)
{
    public bool Is2xx => Status is >= 200 and < 300;
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>Thin HttpClient wrapper: JSON in, status and bytes out, never throws for a status.</summary>
public sealed class Api(HttpClient client)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public async Task<Reply> SendAsync(HttpMethod method, string path, object? body = null, string? token = null, (string Name, string Value)? header = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, JsonOptions))
            {
                Headers = { ContentType = new MediaTypeHeaderValue("application/json") },
            };
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (header is { } h)
            request.Headers.TryAddWithoutValidation(h.Name, h.Value);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            return new Reply((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new Reply(-1, Encoding.UTF8.GetBytes(e.Message));
        }
    }

    public Task<Reply> GetAsync(string path, string? token = null) => SendAsync(HttpMethod.Get, path, null, token);
    public Task<Reply> PostAsync(string path, object body, string? token = null, (string, string)? header = null) => SendAsync(HttpMethod.Post, path, body, token, header);

    /// <summary>For setup steps: a non-2xx answer stops the bench with what the API said.</summary>
    public static JsonElement Expect(Reply reply, string what) =>
        reply.Is2xx ? reply.Json : throw new InvalidOperationException($"{what}: HTTP {reply.Status} {Encoding.UTF8.GetString(reply.Body)}");
}

public sealed record ScenarioResult(
    string Group, string Name, int Requests, int Concurrency, double Seconds, double Throughput,
    double P50, double P95, double P99, double Max, double Mean,
    int Succeeded, int ExpectedConflicts, int Errors, int ServerErrors,
    SortedDictionary<string, int> Statuses, double? ApiCpuMsPerRequest, string? Note, bool CappedByTime)
{
    /// <summary>5xx or a request that got no answer at all: these fail the run.</summary>
    public bool Failed => ServerErrors > 0;
}

/// <summary>Runs a fixed number of requests over a fixed number of workers and measures each one.</summary>
public static class Load
{
    /// <param name="op">request number -> reply</param>
    /// <param name="expectedConflict">statuses counted as expected (409 in a contention burst) rather than errors</param>
    public static async Task<ScenarioResult> RunAsync(
        string group, string name, int requests, int concurrency, Func<int, Task<Reply>> op,
        Func<int, bool>? expectedConflict = null, TimeSpan? cap = null, string? note = null, int? apiPid = null,
        Action<int, Reply>? onReply = null)
    {
        var latencies = new double[requests];
        var statuses = new int[requests];
        var done = new bool[requests];
        var next = -1;
        var deadline = cap ?? TimeSpan.FromSeconds(60);
        var cpuBefore = ProcessStats.CpuSeconds(apiPid);
        var wall = Stopwatch.StartNew();
        var capped = false;

        async Task Worker()
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= requests) return;
                if (wall.Elapsed > deadline)
                {
                    capped = true;
                    return;
                }
                var started = Stopwatch.GetTimestamp();
                var reply = await op(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                statuses[i] = reply.Status;
                done[i] = true;
                onReply?.Invoke(i, reply);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, requests)).Select(_ => Task.Run(Worker)));
        wall.Stop();
        var cpuAfter = ProcessStats.CpuSeconds(apiPid);
        return Summarize(group, name, concurrency, wall.Elapsed.TotalSeconds,
            Enumerable.Range(0, requests).Where(i => done[i]).Select(i => (latencies[i], statuses[i])).ToList(),
            expectedConflict, cpuBefore, cpuAfter, note, capped);
    }

    /// <summary>All requests at once, released together: a burst of <paramref name="requests"/> clients on one resource.</summary>
    public static async Task<ScenarioResult> BurstAsync(string group, string name, int requests, Func<int, Task<Reply>> op,
        Func<int, bool> expectedConflict, string? note, int? apiPid)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cpuBefore = ProcessStats.CpuSeconds(apiPid);
        var tasks = Enumerable.Range(0, requests).Select(async i =>
        {
            await gate.Task;
            var started = Stopwatch.GetTimestamp();
            var reply = await op(i);
            return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, reply.Status);
        }).ToList();
        var wall = Stopwatch.StartNew();
        gate.SetResult();
        var results = await Task.WhenAll(tasks);
        wall.Stop();
        return Summarize(group, name, requests, wall.Elapsed.TotalSeconds, results.ToList(), expectedConflict, cpuBefore, ProcessStats.CpuSeconds(apiPid), note, false);
    }

    private static ScenarioResult Summarize(string group, string name, int concurrency, double seconds, List<(double Ms, int Status)> samples,
        Func<int, bool>? expectedConflict, double? cpuBefore, double? cpuAfter, string? note, bool capped)
    {
        var sorted = samples.Select(s => s.Ms).Order().ToArray();
        var statuses = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int ok = 0, conflicts = 0, errors = 0, serverErrors = 0;
        foreach (var (_, status) in samples)
        {
            var key = status < 0 ? "no_answer" : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            statuses[key] = statuses.GetValueOrDefault(key) + 1;
            if (status is >= 200 and < 300) ok++;
            else if (expectedConflict?.Invoke(status) == true) conflicts++;
            else
            {
                errors++;
                if (status < 0 || status >= 500) serverErrors++;
            }
        }
        double? cpuPerRequest = cpuBefore is { } b && cpuAfter is { } a && samples.Count > 0 ? (a - b) * 1000 / samples.Count : null;
        return new ScenarioResult(group, name, samples.Count, concurrency, Math.Round(seconds, 3),
            Math.Round(samples.Count / Math.Max(seconds, 1e-9), 1),
            Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted.Length == 0 ? 0 : Math.Round(sorted[^1], 2),
            sorted.Length == 0 ? 0 : Math.Round(sorted.Average(), 2),
            ok, conflicts, errors, serverErrors, statuses, cpuPerRequest is null ? null : Math.Round(cpuPerRequest.Value, 2), note, capped);
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return 0;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)], 2);
    }
}

/// <summary>What /proc says about the API process.</summary>
public static class ProcessStats
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>User + system CPU seconds of the process so far, or null when it cannot be read.</summary>
    public static double? CpuSeconds(int? pid)
    {
        if (pid is null) return null;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the ")" that closes the command name: state is field 3; utime and stime are fields 14 and 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>A "VmHWM:   123456 kB" style line of /proc/PID/status, in MiB.</summary>
    public static double? StatusMiB(int? pid, string field)
    {
        if (pid is null) return null;
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            if (line is null) return null;
            var kb = long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            return Math.Round(kb / 1024.0, 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
