using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedAesthetics.Bench;

public sealed record MachineInfo(int Cores, string Cpu, double MemoryGiB, string Os, string Runtime, string? PostgreSql);

public sealed record GenerationFigures(double Seconds, double CopySeconds, double IndexSeconds, double VacuumAnalyzeSeconds, double TableMiB, double IndexMiB, double LeadsPerSecond);

public sealed record ApiProcess(int? Pid, double? PeakRssMiB, double? RssAtEndMiB, double? CpuSeconds);

public sealed record BenchReport(
    string Date, MachineInfo Machine, int Leads, GenerationFigures Generation, ApiProcess Api, int Concurrency, int Clients, double Scale,
    IReadOnlyList<ScenarioResult> Scenarios, ContentionSummary Contention, double BenchSeconds, bool Ok)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Table()
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"MedAesthetics bench  {Date}  {Machine.Cores} cores ({Machine.Cpu}), {Machine.MemoryGiB:F0} GiB, {Machine.PostgreSql}");
        sb.AppendLine(inv, $"Leads: {Leads:N0} generated in {Generation.Seconds:F1} s (COPY {Generation.CopySeconds:F1} s, indexes {Generation.IndexSeconds:F1} s, "
                           + $"VACUUM ANALYZE {Generation.VacuumAnalyzeSeconds:F1} s; table {Generation.TableMiB:F0} MiB + indexes {Generation.IndexMiB:F0} MiB)");
        sb.AppendLine(inv, $"Concurrency: {Concurrency} unless stated; latencies in ms, measured by the client over loopback; api-cpu = API process CPU ms per request");
        sb.AppendLine();
        const string header = "{0,-12} {1,-56} {2,6} {3,4} {4,6} {5,5} {6,9} {7,8} {8,8} {9,8} {10,8} {11,8}";
        sb.AppendLine(string.Format(inv, header, "group", "scenario", "req", "conc", "errors", "409", "req/s", "p50", "p95", "p99", "max", "api-cpu"));
        sb.AppendLine(new string('-', 150));
        foreach (var r in Scenarios)
            sb.AppendLine(string.Format(inv, header, r.Group, Truncate(r.Name, 56), r.Requests, r.Concurrency, r.Errors, r.ExpectedConflicts,
                r.Throughput.ToString("F1", inv), r.P50.ToString("F1", inv), r.P95.ToString("F1", inv), r.P99.ToString("F1", inv), r.Max.ToString("F1", inv),
                r.ApiCpuMsPerRequest?.ToString("F1", inv) ?? "-") + (r.CappedByTime ? "  (time cap)" : ""));
        sb.AppendLine();
        sb.AppendLine(inv, $"Contention ({Contention.BurstSize} simultaneous holds on one slot): {Contention.Describe()} -> {(Contention.Correct ? "exactly one winner each time" : "WRONG")}");
        sb.AppendLine(inv, $"API process: peak RSS (VmHWM) {Fmt(Api.PeakRssMiB)} MiB, RSS at end {Fmt(Api.RssAtEndMiB)} MiB, CPU {Fmt(Api.CpuSeconds)} s");
        sb.AppendLine(inv, $"Bench driver time: {BenchSeconds:F1} s; result: {(Ok ? "OK" : "FAILED")}");
        return sb.ToString();
    }

    private static string Fmt(double? v) => v?.ToString("F1", CultureInfo.InvariantCulture) ?? "?";
    private static string Truncate(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";
}

public static class Machine
{
    public static MachineInfo Describe()
    {
        string cpu = "unknown";
        double memory = 0;
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
            var mem = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (mem is not null)
                memory = long.Parse(mem["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1048576.0;
        }
        catch (IOException)
        {
        }
        return new MachineInfo(Environment.ProcessorCount, cpu, Math.Round(memory, 1),
            System.Runtime.InteropServices.RuntimeInformation.OSDescription, System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            Environment.GetEnvironmentVariable("BENCH_PG_VERSION"));
    }
}
