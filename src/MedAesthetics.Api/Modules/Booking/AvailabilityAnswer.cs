using System.Reflection;
using System.Text.Json;
using MedAesthetics.Api.Platform.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace MedAesthetics.Api.Modules.Booking;

/// <summary>
/// The 200 answer of <c>GET /availability</c>, written straight from the calculator's slots as it computes them, a day at
/// a time (<see cref="AvailabilityCalculator.CalculateByDay"/>): a 31-day answer for ten providers holds some 13,000
/// slots (about 1.3 MB of text), and neither copying them into <see cref="AvailabilitySlot"/> records for the serializer
/// nor holding them all at once (a 620 KB large object per request, which piled up on the large-object heap under
/// concurrent requests) is needed. The text is exactly what System.Text.Json writes for the
/// <see cref="AvailabilityResponse"/> of the same slots with the API's options (unit tests compare the two), and the
/// endpoint declares <see cref="AvailabilityResponse"/> as its answer, so the OpenAPI schema is unchanged.
/// </summary>
/// <param name="days">The slots in order, in runs (a day each); a run may be reused for the next once it has been read.</param>
public sealed class AvailabilityAnswer(Guid clinicId, Guid serviceId, string timezone, IEnumerable<IReadOnlyList<Slot>> days)
    : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IContentTypeHttpResult
{
    private const int SlotsPerFlush = 512;   // about 64 KB of text between flushes to the response
    private static readonly LenientInstantConverter Instants = new();
    private static readonly JsonEncodedText ClinicIdName = JsonEncodedText.Encode("clinicId");
    private static readonly JsonEncodedText ServiceIdName = JsonEncodedText.Encode("serviceId");
    private static readonly JsonEncodedText TimezoneName = JsonEncodedText.Encode("timezone");
    private static readonly JsonEncodedText SlotsName = JsonEncodedText.Encode("slots");
    private static readonly JsonEncodedText StartName = JsonEncodedText.Encode("start");
    private static readonly JsonEncodedText EndName = JsonEncodedText.Encode("end");
    private static readonly JsonEncodedText ProviderIdName = JsonEncodedText.Encode("providerId");

    public int? StatusCode => StatusCodes.Status200OK;
    public string ContentType => "application/json; charset=utf-8";

    public static JsonWriterOptions WriterOptions(JsonSerializerOptions options) =>
        new() { Encoder = options.Encoder, Indented = options.WriteIndented };

    /// <summary>Writes the whole answer to <paramref name="writer"/>, without flushing it.</summary>
    public void WriteTo(Utf8JsonWriter writer, JsonSerializerOptions options)
    {
        WriteStart(writer);
        foreach (var slots in days)
            WriteSlots(writer, slots, 0, slots.Count, options);
        WriteEnd(writer);
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var body = response.BodyWriter;
        var aborted = httpContext.RequestAborted;
        await using var writer = new Utf8JsonWriter(body, WriterOptions(options));
        WriteStart(writer);
        foreach (var slots in days)
        {
            for (var from = 0; from < slots.Count; from += SlotsPerFlush)
            {
                WriteSlots(writer, slots, from, Math.Min(slots.Count, from + SlotsPerFlush), options);
                writer.Flush();
                await body.FlushAsync(aborted);
            }
        }
        WriteEnd(writer);
        writer.Flush();
        await body.FlushAsync(aborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(AvailabilityResponse), ["application/json"]));
    }

    private void WriteStart(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString(ClinicIdName, clinicId);
        writer.WriteString(ServiceIdName, serviceId);
        writer.WriteString(TimezoneName, timezone);
        writer.WriteStartArray(SlotsName);
    }

    private static void WriteSlots(Utf8JsonWriter writer, IReadOnlyList<Slot> slots, int from, int to, JsonSerializerOptions options)
    {
        Span<byte> text = stackalloc byte[SlotTextLength];
        var raw = !writer.Options.Indented;
        for (var i = from; i < to; i++)
        {
            var slot = slots[i];
            if (raw && TryFormat(slot, text))
            {
                writer.WriteRawValue(text, skipInputValidation: true);
                continue;
            }
            writer.WriteStartObject();
            writer.WritePropertyName(StartName);
            Instants.Write(writer, slot.Start, options);
            writer.WritePropertyName(EndName);
            Instants.Write(writer, slot.End, options);
            writer.WriteString(ProviderIdName, slot.ProviderId);
            writer.WriteEndObject();
        }
    }

    private static ReadOnlySpan<byte> StartText => "{\"start\":\""u8;
    private static ReadOnlySpan<byte> EndText => "\",\"end\":\""u8;
    private static ReadOnlySpan<byte> ProviderIdText => "\",\"providerId\":\""u8;
    private static ReadOnlySpan<byte> CloseText => "\"}"u8;
    private const int GuidLength = 36;
    private static readonly int SlotTextLength =
        StartText.Length + ApiTime.WholeSecondLength + EndText.Length + ApiTime.WholeSecondLength + ProviderIdText.Length + GuidLength + CloseText.Length;

    /// <summary>
    /// A slot of whole-second instants as the object the serializer would write, into one buffer written as a raw value:
    /// its text is digits, hex, '-', ':', 'T' and 'Z', which no encoder escapes. False for another slot (written field by field).
    /// </summary>
    private static bool TryFormat(Slot slot, Span<byte> text)
    {
        var at = 0;
        StartText.CopyTo(text);
        at += StartText.Length;
        if (!ApiTime.TryFormatWholeSecondUtf8(slot.Start, text[at..]))
            return false;
        at += ApiTime.WholeSecondLength;
        EndText.CopyTo(text[at..]);
        at += EndText.Length;
        if (!ApiTime.TryFormatWholeSecondUtf8(slot.End, text[at..]))
            return false;
        at += ApiTime.WholeSecondLength;
        ProviderIdText.CopyTo(text[at..]);
        at += ProviderIdText.Length;
        if (!slot.ProviderId.TryFormat(text[at..], out var written) || written != GuidLength)
            return false;
        at += GuidLength;
        CloseText.CopyTo(text[at..]);
        return true;
    }

    private static void WriteEnd(Utf8JsonWriter writer)
    {
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
