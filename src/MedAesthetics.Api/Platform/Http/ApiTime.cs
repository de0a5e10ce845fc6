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

    /// <summary>The length of <see cref="TryFormatWholeSecondUtf8"/>'s text: yyyy-MM-ddTHH:mm:ssZ.</summary>
    public const int WholeSecondLength = 20;

    /// <summary>The longest text of <see cref="TryFormatUtf8"/>: yyyy-MM-ddTHH:mm:ss.fffffffffZ.</summary>
    public const int MaxLength = 30;

    /// <summary>
    /// Writes an instant of a whole second in years 1-9999 as UTF-8 yyyy-MM-ddTHH:mm:ssZ (exactly
    /// <see cref="WholeSecondLength"/> bytes). False (nothing written) for any other instant.
    /// </summary>
    public static bool TryFormatWholeSecondUtf8(Instant instant, Span<byte> destination) =>
        instant >= FirstFormatted && instant <= LastFormatted && Instant.FromUnixTimeSeconds(instant.ToUnixTimeSeconds()) == instant
        && TryFormatUtf8(instant, destination, out _);

    /// <summary>
    /// Writes an instant in years 1-9999 as UTF-8, exactly the text of InstantPattern.ExtendedIso
    /// (yyyy-MM-ddTHH:mm:ss, then a fraction of up to nine digits without its trailing zeros when there is one, then Z),
    /// digit by digit from the seconds since the epoch (the civil date by H. Hinnant's days_from_civil inverse): no string,
    /// no format parsing, no calendar object. A lead's timestamps (microseconds, from PostgreSQL) take this path as the
    /// slots' whole seconds do. False (nothing written) for an instant outside those years or a destination too short for
    /// its text (<see cref="WholeSecondLength"/> bytes for a whole second, else <see cref="MaxLength"/>); the caller then
    /// formats with the pattern.
    /// </summary>
    public static bool TryFormatUtf8(Instant instant, Span<byte> destination, out int written)
    {
        written = 0;
        if (instant < FirstFormatted || instant > LastFormatted)
            return false;
        var seconds = instant.ToUnixTimeSeconds();   // towards the start of time, so the fraction is never negative
        var nanoseconds = (instant - Instant.FromUnixTimeSeconds(seconds)).ToInt64Nanoseconds();
        if (destination.Length < (nanoseconds == 0 ? WholeSecondLength : MaxLength))
            return false;
        var days = Math.DivRem(seconds, 86_400L, out var secondOfDay);
        if (secondOfDay < 0)
        {
            days--;
            secondOfDay += 86_400L;
        }
        var z = days + 719_468;
        var era = (z >= 0 ? z : z - 146_096) / 146_097;
        var dayOfEra = z - era * 146_097;
        var yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        var dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        var shiftedMonth = (5 * dayOfYear + 2) / 153;
        var day = (int)(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        var month = (int)(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        var year = (int)(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        var second = (int)secondOfDay;

        destination[0] = (byte)('0' + year / 1000);
        destination[1] = (byte)('0' + year / 100 % 10);
        destination[2] = (byte)('0' + year / 10 % 10);
        destination[3] = (byte)('0' + year % 10);
        destination[4] = (byte)'-';
        TwoDigits(destination[5..], month);
        destination[7] = (byte)'-';
        TwoDigits(destination[8..], day);
        destination[10] = (byte)'T';
        TwoDigits(destination[11..], second / 3600);
        destination[13] = (byte)':';
        TwoDigits(destination[14..], second / 60 % 60);
        destination[16] = (byte)':';
        TwoDigits(destination[17..], second % 60);
        written = 19;
        if (nanoseconds != 0)
        {
            destination[written++] = (byte)'.';
            var digits = 9;
            while (nanoseconds % 10 == 0)
            {
                nanoseconds /= 10;
                digits--;
            }
            for (var i = digits - 1; i >= 0; i--)
            {
                destination[written + i] = (byte)('0' + nanoseconds % 10);
                nanoseconds /= 10;
            }
            written += digits;
        }
        destination[written++] = (byte)'Z';
        return true;
    }

    private static readonly Instant FirstFormatted = Instant.FromUtc(1, 1, 1, 0, 0);
    private static readonly Instant LastFormatted = Instant.FromUtc(9999, 12, 31, 23, 59, 59) + Duration.FromNanoseconds(999_999_999);

    private static void TwoDigits(Span<byte> destination, int value)
    {
        destination[0] = (byte)('0' + value / 10);
        destination[1] = (byte)('0' + value % 10);
    }
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
        // Formatted into a stack buffer, without a string per value (a page of 50 leads writes 100 instants).
        Span<byte> text = stackalloc byte[ApiTime.MaxLength];
        if (ApiTime.TryFormatUtf8(value, text, out var written))
            writer.WriteStringValue(text[..written]);
        else
            writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
    }
}
