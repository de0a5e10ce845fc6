using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using NodaTime;

namespace MedAesthetics.Api.Platform.Http;

/// <summary>A value the API refuses while reading JSON; its message is safe to show and names the rule.</summary>
public sealed class JsonInputException(string message) : JsonException(message);

public static class JsonInputRules
{
    /// <summary>
    /// A record's constructor parameter that is neither nullable nor defaulted is required: leaving it out is a 400
    /// naming the field, never a silent default (a missing <c>role</c> is not <c>admin</c>, a missing <c>source</c> not
    /// <c>facebook</c>). Optional fields are declared nullable (<c>string?</c>, <c>Guid?</c>); the OpenAPI document's
    /// <c>required</c> lists come from the same flag.
    /// </summary>
    public static void RequireNonNullableParameters(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
            return;
        foreach (var property in typeInfo.Properties)
            if (property.AssociatedParameter is { HasDefaultValue: false, IsNullable: false } && property.Set is not null)
                property.IsRequired = true;
    }
}

/// <summary>Text with a NUL character (U+0000) is refused for every string of every body: PostgreSQL cannot store it.</summary>
public sealed class TextWithoutNulConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonInputException("Expected a string.");
        var text = reader.GetString()!;
        return text.Contains('\0') ? throw new JsonInputException("Text must not contain the NUL character (U+0000).") : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>A date as YYYY-MM-DD between <see cref="ApiTime.MinYear"/> and <see cref="ApiTime.MaxYear"/>.</summary>
public sealed class BoundedLocalDateConverter : JsonConverter<LocalDate>
{
    public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && ApiTime.TryParseDate(reader.GetString(), out var date)
            ? date
            : throw new JsonInputException($"A date must be YYYY-MM-DD between {ApiTime.MinYear} and {ApiTime.MaxYear}.");

    public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ApiTime.Date.Format(value));
}
