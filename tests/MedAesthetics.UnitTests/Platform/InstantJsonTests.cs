using System.Text.Json;
using MedAesthetics.Api.Platform.Http;
using NodaTime;
using NodaTime.Text;

namespace MedAesthetics.UnitTests.Platform;

public sealed class InstantJsonTests
{
    [Fact]
    public void Instants_are_written_exactly_as_the_extended_iso_pattern_writes_them_whole_seconds_or_not()
    {
        var random = new Random(20261201);
        var instants = new List<Instant>
        {
            Instant.FromUtc(2026, 3, 2, 8, 0), Instant.FromUtc(2026, 12, 31, 23, 59, 59), Instant.FromUtc(1, 1, 1, 0, 0),
            Instant.FromUtc(9999, 12, 31, 23, 59, 59), Instant.FromUtc(2026, 3, 2, 8, 0) + Duration.FromMilliseconds(250),
            Instant.FromUtc(2026, 3, 2, 8, 0) + Duration.FromNanoseconds(1), Instant.FromUnixTimeSeconds(0),
        };
        for (var i = 0; i < 1000; i++)
            instants.Add(Instant.FromUnixTimeTicks(random.NextInt64(-62_000_000_000L, 250_000_000_000L) * (i % 2 == 0 ? 10_000_000L : 1_234L)));

        foreach (var instant in instants)
            Assert.Equal($"\"{InstantPattern.ExtendedIso.Format(instant)}\"", JsonSerializer.Serialize(instant, ApiJson.Options));
    }
}
