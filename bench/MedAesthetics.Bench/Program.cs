using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using MedAesthetics.Bench;

// MedAesthetics benchmark driver, started by bench/run.sh once the API is up:
//   1. waits for /health/ready, 2. writes BENCH_LEADS leads straight into PostgreSQL,
//   3. runs each HTTP scenario (fixed request count, fixed concurrency, after a short warm-up),
//   4. prints a table and writes the same figures as JSON.
// Exit code: 0 unless a scenario had a 5xx / unanswered request or the contention burst did not end with exactly one winner.

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// Other modes of the same program, used by run.sh's wrk phase.
if (args is ["baseline-server", ..])
    return await BaselineServer.RunAsync();
if (args is ["wrk-report", var resultsDir, var jsonOut, ..])
    return WrkReport.Run(resultsDir, jsonOut, args.Length > 3 ? args[3] : null);

var config = BenchConfig.FromEnvironment();
var log = (string line) => Console.WriteLine(line);
var total = Stopwatch.StartNew();

using var handler = new SocketsHttpHandler
{
    PooledConnectionLifetime = TimeSpan.FromMinutes(10),
    MaxConnectionsPerServer = 256,
    AutomaticDecompression = DecompressionMethods.None,
    UseCookies = false,
};
using var http = new HttpClient(handler) { BaseAddress = new Uri(config.ApiUrl), Timeout = TimeSpan.FromSeconds(30) };
var api = new Api(http);

// 1. API ready?
var ready = Stopwatch.StartNew();
while (true)
{
    var health = await api.GetAsync("/health/ready");
    if (health.Status == 200) break;
    if (ready.Elapsed > TimeSpan.FromSeconds(90))
    {
        Console.Error.WriteLine($"error: {config.ApiUrl}/health/ready did not answer 200 within 90 s (last: {health.Status})");
        return 2;
    }
    await Task.Delay(250);
}
log($"API ready at {config.ApiUrl} ({ready.Elapsed.TotalSeconds:F1} s)");

// 2. Data.
GenerationResult generation;
if (config.Leads > 0)
{
    log($"Generating {config.Leads:N0} leads in PostgreSQL...");
    generation = await new LeadGenerator(config.ConnectionString, config.Leads).RunAsync(log);
    log($"Generated {config.Leads:N0} leads in {generation.TotalSeconds:F1} s (table {generation.TableBytes / 1048576.0:F0} MiB, indexes {generation.IndexBytes / 1048576.0:F0} MiB)");
}
else
{
    generation = new GenerationResult(0, 0, 0, 0, 0, 0, 0, []);
}

// 3. Scenarios.
var scenarios = new Scenarios(api, config, generation.Samples, log);
List<ScenarioResult> results;
ContentionSummary contention;
try
{
    (results, contention) = await scenarios.RunAllAsync();
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 3;
}

// The wrk phase's fixtures (run.sh runs wrk after this program exits).
if (Environment.GetEnvironmentVariable("BENCH_WRK_ENV") is { Length: > 0 } wrkEnv)
{
    try
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(wrkEnv))!;
        await new WrkFixtures(api, config, log).WriteAsync(wrkEnv, Path.Combine(dir, "wrk-slots.txt"), Path.Combine(dir, "wrk-tokens.txt"));
    }
    catch (InvalidOperationException e)
    {
        Console.Error.WriteLine($"error: wrk fixtures: {e.Message}");
        return 3;
    }
}

// 4. Report.
var report = new BenchReport(
    DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    Machine.Describe(),
    config.Leads,
    new GenerationFigures(Math.Round(generation.TotalSeconds, 1), Math.Round(generation.CopySeconds, 1), Math.Round(generation.IndexSeconds, 1),
        Math.Round(generation.AnalyzeSeconds, 1), Math.Round(generation.TableBytes / 1048576.0, 1), Math.Round(generation.IndexBytes / 1048576.0, 1),
        generation.TotalSeconds > 0 ? Math.Round(generation.Leads / generation.TotalSeconds) : 0),
    new ApiProcess(config.ApiPid, ProcessStats.StatusMiB(config.ApiPid, "VmHWM"), ProcessStats.StatusMiB(config.ApiPid, "VmRSS"), ProcessStats.CpuSeconds(config.ApiPid)),
    config.Concurrency,
    config.Clients,
    config.Scale,
    results,
    contention,
    Math.Round(total.Elapsed.TotalSeconds, 1),
    Ok: results.All(r => !r.Failed) && contention.Correct);

Console.WriteLine();
Console.WriteLine(report.Table());
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(config.ResultsPath))!);
await File.WriteAllTextAsync(config.ResultsPath, JsonSerializer.Serialize(report, BenchReport.JsonOptions));
Console.WriteLine($"Figures written to {config.ResultsPath}");
if (!report.Ok)
{
    Console.Error.WriteLine("FAILED: " + string.Join("; ",
        results.Where(r => r.Failed).Select(r => $"{r.Group} {r.Name}: {r.ServerErrors} 5xx/unanswered")
            .Concat(contention.Correct ? [] : [$"contention: {contention.Describe()}"])));
    return 1;
}
return 0;

public sealed record BenchConfig(
    string ApiUrl, string ConnectionString, int Leads, int Concurrency, int Clients, string WebhookKey, int? ApiPid, string ResultsPath, double Scale,
    int WrkHolds = 2000)
{
    public static BenchConfig FromEnvironment()
    {
        static string Env(string name, string? fallback = null) =>
            Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : fallback ?? throw new InvalidOperationException($"{name} is not set");
        static int IntEnv(string name, int fallback) => int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;
        static double DoubleEnv(string name, double fallback) => double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : fallback;
        return new BenchConfig(
            Env("BENCH_API_URL"),
            Env("BENCH_DB"),
            IntEnv("BENCH_LEADS", 1_000_000),
            Math.Max(1, IntEnv("BENCH_CONCURRENCY", 8)),
            Math.Max(60, IntEnv("BENCH_CLIENTS", 200)),
            Env("BENCH_WEBHOOK_KEY"),
            int.TryParse(Environment.GetEnvironmentVariable("BENCH_API_PID"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : null,
            Env("BENCH_RESULTS", "bench/results/latest.json"),
            Math.Clamp(DoubleEnv("BENCH_SCALE", 1.0), 0.05, 20),
            Math.Max(100, IntEnv("BENCH_WRK_HOLDS", 36000)));
    }
}
