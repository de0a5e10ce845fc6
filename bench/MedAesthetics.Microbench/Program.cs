using BenchmarkDotNet.Running;

namespace MedAesthetics.Microbench;

/// <summary>Runs the benchmarks named on the command line (e.g. --filter '*'); the API's own Program is referenced, so this one has another name.</summary>
public static class Entry
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Entry).Assembly).Run(args);
}
