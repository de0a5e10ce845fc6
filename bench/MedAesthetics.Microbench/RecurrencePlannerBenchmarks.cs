using BenchmarkDotNet.Attributes;
using MedAesthetics.Api.Modules.Booking;
using NodaTime;

namespace MedAesthetics.Microbench;

/// <summary>The recurrence planner for the longest series a request may ask (52), across a DST change, in each frequency.</summary>
[MemoryDiagnoser]
public class RecurrencePlannerBenchmarks
{
    private static readonly DateTimeZone Athens = DateTimeZoneProviders.Tzdb["Europe/Athens"];
    private static readonly LocalDateTime First = new(2026, 3, 10, 10, 30);

    [Params(RecurrenceFrequency.Weekly, RecurrenceFrequency.Monthly)]
    public RecurrenceFrequency Frequency { get; set; }

    [Params(4, 52)]
    public int Count { get; set; }

    [Benchmark]
    public int Plan() => RecurrencePlanner.Plan(Athens, First, Frequency, Count).Count;
}
