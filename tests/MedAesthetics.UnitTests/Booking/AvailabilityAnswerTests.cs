using System.Buffers;
using System.Text;
using System.Text.Json;
using MedAesthetics.Api.Modules.Booking;
using MedAesthetics.Api.Platform.Http;
using NodaTime;

namespace MedAesthetics.UnitTests.Booking;

/// <summary>The availability answer is written by hand; its text must be what the serializer writes for the documented record.</summary>
public sealed class AvailabilityAnswerTests
{
    private static readonly JsonSerializerOptions HttpJson = ApiJson.ApplyToHttp(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private static string Written(AvailabilityAnswer answer)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, AvailabilityAnswer.WriterOptions(HttpJson)))
            answer.WriteTo(writer, HttpJson);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Serialized(Guid clinicId, Guid serviceId, string timezone, IEnumerable<Slot> slots) =>
        JsonSerializer.Serialize(new AvailabilityResponse(clinicId, serviceId, timezone,
            slots.Select(s => new AvailabilitySlot(s.Start, s.End, s.ProviderId)).ToList()), HttpJson);

    [Theory]
    [InlineData("Europe/Athens")]
    [InlineData("Etc/GMT+2")]   // a '+', which the default encoder escapes
    public void The_written_answer_is_the_serializers_text_of_the_same_slots(string timezone)
    {
        var random = new Random(20261202);
        var providers = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToArray();
        var slots = new List<Slot>();
        var start = Instant.FromUtc(2026, 3, 2, 7, 0);
        for (var i = 0; i < 3000; i++)   // more than one flush's worth
        {
            start += Duration.FromMinutes(random.Next(0, 45));
            slots.Add(new Slot(start, start + Duration.FromMinutes(30), providers[random.Next(providers.Length)]));
        }
        // Instants the fast text does not cover: a fraction of a second, the first and the last representable second.
        slots.Add(new Slot(start + Duration.FromMilliseconds(1500), start + Duration.FromMinutes(31) + Duration.FromNanoseconds(1), providers[0]));
        slots.Add(new Slot(Instant.FromUtc(1, 1, 1, 0, 0), Instant.FromUtc(9999, 12, 31, 23, 59, 59), providers[1]));
        var clinicId = Guid.NewGuid();
        var serviceId = Guid.NewGuid();

        Assert.Equal(Serialized(clinicId, serviceId, timezone, slots), Written(new AvailabilityAnswer(clinicId, serviceId, timezone, [slots])));
    }

    [Fact]
    public void An_answer_written_from_the_calculators_days_is_the_serializers_text_of_the_whole_month()
    {
        var everyDay = Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).Select(d => new WeeklyInterval(d, new LocalTime(9, 0), new LocalTime(17, 0))).ToArray();
        var request = new AvailabilityRequest(DateTimeZoneProviders.Tzdb["Europe/Athens"], new LocalDate(2026, 10, 10), 31,
            Duration.FromMinutes(30), Duration.Zero, Duration.FromMinutes(10), 15, Instant.FromUtc(2026, 10, 1, 0, 0), Instant.FromUtc(2027, 1, 1, 0, 0),
            Enumerable.Range(0, 10).Select(_ => new ProviderCalendar(Guid.NewGuid(), everyDay, [])).ToList());
        var clinicId = Guid.NewGuid();
        var serviceId = Guid.NewGuid();
        var month = AvailabilityCalculator.Calculate(request);

        var written = Written(new AvailabilityAnswer(clinicId, serviceId, "Europe/Athens", AvailabilityCalculator.CalculateByDay(request)));

        Assert.True(month.Count > 31 * 10 * 20);
        Assert.Equal(Serialized(clinicId, serviceId, "Europe/Athens", month), written);
    }

    [Fact]
    public void An_answer_without_slots_is_written_with_an_empty_list()
    {
        var clinicId = Guid.NewGuid();
        var serviceId = Guid.NewGuid();

        var written = Written(new AvailabilityAnswer(clinicId, serviceId, "Europe/Athens", []));

        Assert.Equal(Serialized(clinicId, serviceId, "Europe/Athens", []), written);
        Assert.EndsWith("\"slots\":[]}", written);
    }
}
