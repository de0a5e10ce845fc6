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
        // What PostgreSQL hands back (microseconds), any nanosecond, and the fractions' edges, before 1970 too.
        var second = Instant.FromUtc(2026, 12, 3, 14, 15, 16);
        foreach (var nanoseconds in new long[] { 1, 10, 100_000, 120_000, 999_999_999, 500_000_000, 123_456_789, 100_000_001 })
        {
            instants.Add(second + Duration.FromNanoseconds(nanoseconds));
            instants.Add(Instant.FromUtc(1969, 12, 31, 23, 59, 59) + Duration.FromNanoseconds(nanoseconds));
            instants.Add(Instant.FromUtc(9999, 12, 31, 23, 59, 59) + Duration.FromNanoseconds(nanoseconds));
            instants.Add(Instant.FromUtc(1, 1, 1, 0, 0) + Duration.FromNanoseconds(nanoseconds));
        }
        for (var i = 0; i < 1000; i++)
        {
            instants.Add(Instant.FromUnixTimeTicks(random.NextInt64(-62_000_000_000L, 250_000_000_000L) * 10_000_000L) + Duration.FromNanoseconds(random.Next(1, 1_000_000) * 1_000L));
            instants.Add(Instant.FromUnixTimeTicks(random.NextInt64(-62_000_000_000L, 250_000_000_000L) * 10_000_000L) + Duration.FromNanoseconds(random.Next(1, 1_000_000_000)));
        }

        foreach (var instant in instants)
            Assert.Equal($"\"{InstantPattern.ExtendedIso.Format(instant)}\"", JsonSerializer.Serialize(instant, ApiJson.Options));
    }
}

/// <summary>The UTF-8 formatter itself: the text and its length, and a destination too short is refused without writing.</summary>
public sealed class ApiTimeFormatTests
{
    [Theory]
    [InlineData(0L, "2026-12-03T14:15:16Z")]
    [InlineData(120_000L, "2026-12-03T14:15:16.00012Z")]
    [InlineData(999_999_999L, "2026-12-03T14:15:16.999999999Z")]
    [InlineData(500_000_000L, "2026-12-03T14:15:16.5Z")]
    public void An_instant_is_written_with_its_fraction_trimmed(long nanoseconds, string expected)
    {
        var instant = Instant.FromUtc(2026, 12, 3, 14, 15, 16) + Duration.FromNanoseconds(nanoseconds);
        Span<byte> text = stackalloc byte[ApiTime.MaxLength];

        Assert.True(ApiTime.TryFormatUtf8(instant, text, out var written));

        Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(text[..written]));
        Assert.Equal(nanoseconds == 0, ApiTime.TryFormatWholeSecondUtf8(instant, stackalloc byte[ApiTime.WholeSecondLength]));
    }

    [Fact]
    public void A_destination_too_short_for_the_text_is_refused_untouched()
    {
        var instant = Instant.FromUtc(2026, 12, 3, 14, 15, 16) + Duration.FromNanoseconds(1_000);
        Span<byte> text = stackalloc byte[ApiTime.MaxLength - 1];

        Assert.False(ApiTime.TryFormatUtf8(instant, text, out var written));

        Assert.Equal(0, written);
        Assert.True(text.IndexOfAnyExcept((byte)0) < 0);
    }
}
