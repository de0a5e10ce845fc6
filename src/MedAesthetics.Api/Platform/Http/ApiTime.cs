using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace MedAesthetics.Api.Platform.Http;

/// <summary>
/// How instants, dates and clinic-local times are written: ISO-8601 with any offset in, UTC with Z out; YYYY-MM-DD; HH:mm.
/// Instants and dates are accepted only between the years <see cref="MinYear"/> and <see cref="MaxYear"/>, in bodies
/// and query strings alike: anything outside is a typo (0001-01-01, 9999-12-31), and arithmetic on it would overflow.
/// </summary>
public static class ApiTime
{
    public const int MinYear = 1900;
    public const int MaxYear = 2200;
    public const string ClockTimePattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

    private static readonly OffsetDateTimePattern WithOffset = OffsetDateTimePattern.ExtendedIso;
    private static readonly InstantPattern Utc = InstantPattern.ExtendedIso;
    public static readonly LocalDatePattern Date = LocalDatePattern.Iso;
    public static readonly LocalTimePattern ClockTime = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    public static bool TryParseInstant(string? text, out Instant instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var offset = WithOffset.Parse(text.Trim());
        if (offset.Success)
        {
            var local = offset.Value.LocalDateTime;
            if (!InRange(local.Year))
                return false;
            instant = offset.Value.ToInstant();
            return InRange(instant.InUtc().Year);
        }
        var utc = Utc.Parse(text.Trim());
        instant = utc.Success ? utc.Value : default;
        return utc.Success && InRange(instant.InUtc().Year);
    }

    public static bool TryParseDate(string? text, out LocalDate date)
    {
        var result = Date.Parse(text?.Trim() ?? "");
        date = result.Success && InRange(result.Value.Year) ? result.Value : default;
        return result.Success && InRange(result.Value.Year);
    }

    private static bool InRange(int year) => year is >= MinYear and <= MaxYear;

    public static bool TryParseClockTime(string? text, out LocalTime time)
    {
        var result = ClockTime.Parse(text?.Trim() ?? "");
        time = result.Success ? result.Value : default;
        return result.Success;
    }

    public static string Format(LocalTime time) => ClockTime.Format(time);
}

/// <summary>Reads an instant written with any offset ("2026-03-29T10:00:00+03:00") and writes it in UTC ("...07:00:00Z").</summary>
public sealed class LenientInstantConverter : JsonConverter<Instant>
{
    public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        return reader.TokenType == JsonTokenType.String && ApiTime.TryParseInstant(reader.GetString(), out var instant)
            ? instant
            : throw new JsonInputException($"An instant must be an ISO-8601 string with an offset, e.g. 2026-03-29T07:00:00Z, between the years {ApiTime.MinYear} and {ApiTime.MaxYear}.");
    }

    public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options)
    {
        // Whole seconds (every slot, most timestamps) are formatted into a stack buffer, without a string per value:
        // a 31-day availability answer holds some 12,000 instants. The same text as InstantPattern.ExtendedIso.
        Span<byte> text = stackalloc byte[20];
        var utc = value.InUtc();
        if (utc.NanosecondOfSecond == 0 && utc.Year is >= 1 and <= 9999
            && value.ToDateTimeUtc().TryFormat(text, out var written, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture) && written == 20)
            writer.WriteStringValue(text);
        else
            writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
    }
}
