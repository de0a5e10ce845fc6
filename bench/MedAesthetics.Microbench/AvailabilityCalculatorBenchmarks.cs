using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MedAesthetics.Api.Modules.Booking;
using MedAesthetics.Api.Platform.Http;
using NodaTime;

namespace MedAesthetics.Microbench;

/// <summary>
/// The availability calculator on the shape of the wrk scenario: 10 providers working Monday to Saturday 09:00-17:00 in
/// Europe/Athens, a 30-minute service on a 15-minute grid, 3 bookings a day each plus one blocked hour a week; one day
/// (what a booking page asks) and 31 days (the longest range a request may ask).
/// </summary>
[MemoryDiagnoser]
public class AvailabilityCalculatorBenchmarks
{
    private static readonly DateTimeZone Athens = DateTimeZoneProviders.Tzdb["Europe/Athens"];
    private static readonly LocalDate FirstDate = new(2026, 3, 2);
    private AvailabilityRequest _oneDay = null!;
    private AvailabilityRequest _month = null!;

    [Params(10)]
    public int Providers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _oneDay = Request(1);
        _month = Request(31);
    }

    private AvailabilityRequest Request(int days)
    {
        var week = Enumerable.Range(1, 6).Select(d => new WeeklyInterval((IsoDayOfWeek)d, new LocalTime(9, 0), new LocalTime(17, 0))).ToList();
        var providers = Enumerable.Range(0, Providers).Select(p =>
        {
            var busy = new List<Interval>();
            for (var d = 0; d < days; d++)
            {
                var date = FirstDate.PlusDays(d);
                foreach (var hour in new[] { 10, 12, 15 })
                {
                    var start = date.At(new LocalTime(hour, 0)).InZoneLeniently(Athens).ToInstant();
                    busy.Add(new Interval(start, start + Duration.FromMinutes(30)));
                }
                if (d % 7 == 3)
                {
                    var blocked = date.At(new LocalTime(13, 0)).InZoneLeniently(Athens).ToInstant();
                    busy.Add(new Interval(blocked, blocked + Duration.FromHours(1)));
                }
            }
            return new ProviderCalendar(new Guid(p + 1, 0, 0, new byte[8]), week, busy);
        }).ToList();
        var now = FirstDate.AtStartOfDayInZone(Athens).ToInstant() - Duration.FromDays(1);
        return new AvailabilityRequest(Athens, FirstDate, days, Duration.FromMinutes(30), Duration.Zero, Duration.Zero, 15,
            now + Duration.FromHours(2), now + Duration.FromDays(90), providers);
    }

    /// <summary>The slots a day at a time, as the endpoint computes them.</summary>
    private static int Count(AvailabilityRequest request)
    {
        var count = 0;
        foreach (var day in AvailabilityCalculator.CalculateByDay(request))
            count += day.Count;
        return count;
    }

    [Benchmark]
    public int OneDay() => Count(_oneDay);

    [Benchmark]
    public int ThirtyOneDays() => Count(_month);

    private static readonly JsonSerializerOptions HttpJson = ApiJson.ApplyToHttp(new JsonSerializerOptions(JsonSerializerDefaults.Web));
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 20);

    /// <summary>What a 31-day request costs besides HTTP and the database: the slots a day at a time, written as the answer's JSON.</summary>
    [Benchmark]
    public int ThirtyOneDaysAnswer()
    {
        _buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_buffer, AvailabilityAnswer.WriterOptions(HttpJson));
        new AvailabilityAnswer(Guid.Empty, Guid.Empty, "Europe/Athens", AvailabilityCalculator.CalculateByDay(_month)).WriteTo(writer, HttpJson);
        writer.Flush();
        return _buffer.WrittenCount;
    }
}
