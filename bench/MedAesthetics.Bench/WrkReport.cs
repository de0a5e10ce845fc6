using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedAesthetics.Bench;

/// <summary>
/// Turns the wrk phase's results (one JSON line per scenario, written by run.sh) into the table and a JSON file:
/// requests/s, p50, p99, errors, API CPU per request, and each scenario's ratio to <c>GET /</c> and to
/// <c>GET /clinics/{id}</c> of the same run, and to the other implementation's matching scenario when its
/// peer-bench.sh JSON is given.
/// </summary>
public static class WrkReport
{
    public sealed record Row(string Key, string Name, string? Peer, string Server, double Rps, double P50Ms, double P99Ms, long Requests, long Errors,
        double? CpuMsPerRequest, double? VsRoot, double? VsClinic, double? PeerRps, double? VsPeer);

    public static int Run(string resultsFile, string jsonOut, string? peerJson)
    {
        var peer = new Dictionary<string, double>();
        if (peerJson is not null && File.Exists(peerJson))
            foreach (var s in JsonNode.Parse(File.ReadAllText(peerJson))!["scenarios"]!.AsArray())
                peer[s!["name"]!.GetValue<string>()] = s["rps"]!.GetValue<double>();

        var lines = File.ReadAllLines(resultsFile).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!).ToList();
        double Rps(JsonNode n) => n["wrk"]!["requests"]!.GetValue<double>() / (n["wrk"]!["duration_us"]!.GetValue<double>() / 1e6);
        var root = lines.FirstOrDefault(l => l["key"]!.GetValue<string>() == "root") is { } r ? Rps(r) : (double?)null;
        var clinic = lines.FirstOrDefault(l => l["key"]!.GetValue<string>() == "clinic") is { } c ? Rps(c) : (double?)null;
        var rows = new List<Row>();
        foreach (var line in lines)
        {
            var wrk = line["wrk"]!;
            var rps = Rps(line);
            var requests = wrk["requests"]!.GetValue<long>();
            var cpuMs = line["cpu_ms"]?.GetValue<double>();
            var peerName = line["peer"]?.GetValue<string>();
            double? peerRps = peerName is not null && peer.TryGetValue(peerName, out var p) ? p : null;
            rows.Add(new Row(line["key"]!.GetValue<string>(), line["name"]!.GetValue<string>(), peerName, line["server"]?.GetValue<string>() ?? "api",
                Math.Round(rps, 1), wrk["p50_us"]!.GetValue<double>() / 1000, wrk["p99_us"]!.GetValue<double>() / 1000, requests,
                wrk["non2xx"]!.GetValue<long>() + wrk["socket_errors"]!.GetValue<long>(),
                cpuMs is { } cpu && requests > 0 ? Math.Round(cpu / requests, 3) : null,
                root is > 0 ? Math.Round(rps / root.Value, 3) : null, clinic is > 0 ? Math.Round(rps / clinic.Value, 3) : null,
                peerRps, peerRps is > 0 ? Math.Round(rps / peerRps.Value, 1) : null));
        }

        static string F(double? v, string format) => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "";
        var table = new StringBuilder();
        table.AppendLine("| scenario | req/s | p50 ms | p99 ms | errors | API CPU ms/req | vs `GET /` | vs `GET /clinics/{id}` |" + (peer.Count > 0 ? " other impl. req/s | vs other |" : ""));
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|" + (peer.Count > 0 ? "---:|---:|" : ""));
        foreach (var row in rows)
            table.AppendLine($"| {row.Name} | {F(row.Rps, "N1")} | {F(row.P50Ms, "0.0")} | {F(row.P99Ms, "0.0")} | {row.Errors} | {F(row.CpuMsPerRequest, "0.00")} | {F(row.VsRoot, "0.00")} | {F(row.VsClinic, "0.00")} |"
                             + (peer.Count > 0 ? $" {F(row.PeerRps, "N1")} | {(row.VsPeer is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "x" : "")} |" : ""));
        var peakKb = long.TryParse(Environment.GetEnvironmentVariable("BENCH_API_PEAK_RSS_KB"), out var kb) ? kb : (long?)null;
        var readyMs = long.TryParse(Environment.GetEnvironmentVariable("BENCH_START_READY_MS"), out var ms) ? ms : (long?)null;
        table.AppendLine();
        table.AppendLine($"API peak RSS (VmHWM): {(peakKb is { } k ? $"{k / 1024.0:0} MiB" : "?")}; start to ready (process start to the first 200 of /health/ready, migrations applied): {(readyMs is { } m ? $"{m} ms" : "?")}");
        Console.WriteLine();
        Console.Write(table.ToString());

        var report = new
        {
            date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            machine = Machine.Describe(),
            wrk = Environment.GetEnvironmentVariable("BENCH_WRK_ARGS"),
            leads = Environment.GetEnvironmentVariable("BENCH_LEADS"),
            apiPeakRssKb = peakKb,
            startToReadyMs = readyMs,
            scenarios = rows,
        };
        File.WriteAllText(jsonOut, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        Console.WriteLine($"wrk figures written to {jsonOut}");
        return rows.Any(row => row.Requests == 0) ? 1 : 0;
    }
}
