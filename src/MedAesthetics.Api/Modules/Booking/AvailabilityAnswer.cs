using System.Reflection;
using System.Text.Json;
using MedAesthetics.Api.Platform.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.ObjectPool;
using Microsoft.Extensions.Options;

namespace MedAesthetics.Api.Modules.Booking;

/// <summary>
/// The 200 answer of <c>GET /availability</c>, written straight from the calculator's slots: a 31-day answer for ten
/// providers holds some 6,700 slots (about 880 KB), and copying them into <see cref="AvailabilitySlot"/> records for the
/// serializer cost more than computing them. The text is exactly what System.Text.Json writes for the
/// <see cref="AvailabilityResponse"/> of the same slots with the API's options (a unit test compares the two), and the
/// endpoint declares <see cref="AvailabilityResponse"/> as its answer, so the OpenAPI schema is unchanged.
/// </summary>
public sealed class AvailabilityAnswer(Guid clinicId, Guid serviceId, string timezone, List<Slot> slots)
    : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IContentTypeHttpResult
{
    /// <summary>
    /// Lists of slots for the calculator, taken back once an answer is written: a month's list (some 430 KB) would
    /// otherwise be a new large-object allocation on every request. A list that grew past 64k slots is not kept.
    /// </summary>
    public static readonly ObjectPool<List<Slot>> Lists = new DefaultObjectPool<List<Slot>>(new SlotListPolicy());

    private sealed class SlotListPolicy : PooledObjectPolicy<List<Slot>>
    {
        public override List<Slot> Create() => [];

        public override bool Return(List<Slot> list)
        {
            list.Clear();
            return list.Capacity <= 65_536;
        }
    }

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
        WriteSlots(writer, 0, slots.Count, options);
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
        try
        {
            await using var writer = new Utf8JsonWriter(body, WriterOptions(options));
            WriteStart(writer);
            for (var from = 0; from < slots.Count; from += SlotsPerFlush)
            {
                WriteSlots(writer, from, Math.Min(slots.Count, from + SlotsPerFlush), options);
                writer.Flush();
                await body.FlushAsync(aborted);
            }
            WriteEnd(writer);
            writer.Flush();
            await body.FlushAsync(aborted);
        }
        finally
        {
            Lists.Return(slots);
        }
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

    private void WriteSlots(Utf8JsonWriter writer, int from, int to, JsonSerializerOptions options)
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
