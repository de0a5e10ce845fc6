using BenchmarkDotNet.Attributes;
using MedAesthetics.Api.Modules.Booking;
using NodaTime;

namespace MedAesthetics.Microbench;

/// <summary>The recurrence planner across a DST change: a typical series of 12 occurrences and the longest a request may ask (52), weekly and monthly.</summary>
[MemoryDiagnoser]
public class RecurrencePlannerBenchmarks
{
    private static readonly DateTimeZone Athens = DateTimeZoneProviders.Tzdb["Europe/Athens"];
    private static readonly LocalDateTime First = new(2026, 3, 10, 10, 30);

    [Params(RecurrenceFrequency.Weekly, RecurrenceFrequency.Monthly)]
    public RecurrenceFrequency Frequency { get; set; }

    [Params(12, 52)]
    public int Count { get; set; }

    [Benchmark]
    public int Plan() => RecurrencePlanner.Plan(Athens, First, Frequency, Count).Count;
}
