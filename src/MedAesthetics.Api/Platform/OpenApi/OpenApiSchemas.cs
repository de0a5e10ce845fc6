using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using MedAesthetics.Api.Platform.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NodaTime;

namespace MedAesthetics.Api.Platform.OpenApi;

/// <summary>
/// Makes every schema say what the wire carries. NodaTime values are strings (date-time, date, HH:mm); enums are
/// strings with their values; text stays a string although a converter reads it; an object's <c>required</c> list is
/// exactly the properties the JSON reader requires (<see cref="JsonInputRules.RequireNonNullableParameters"/>), and null
/// is allowed exactly where the property is declared nullable.
/// </summary>
internal static class OpenApiSchemas
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken _)
    {
        var declared = context.JsonTypeInfo.Type;
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        var nullable = Nullable.GetUnderlyingType(declared) is not null || IsNullableProperty(context.JsonPropertyInfo);

        if (type == typeof(Instant))
            Primitive(schema, JsonSchemaType.String, nullable, format: "date-time");
        else if (type == typeof(LocalDate))
            Primitive(schema, JsonSchemaType.String, nullable, format: "date");
        else if (type == typeof(LocalTime))
            Primitive(schema, JsonSchemaType.String, nullable, pattern: ApiTime.ClockTimePattern);
        else if (type == typeof(string) && TextFormatOf(context.JsonPropertyInfo) is { } text)
            Primitive(schema, JsonSchemaType.String, nullable, format: text.Format == TextFormatAttribute.ClockTime ? null : text.Format,
                pattern: text.Format == TextFormatAttribute.ClockTime ? ApiTime.ClockTimePattern : null);
        else if (type == typeof(string) && schema.Type is null)
            Primitive(schema, JsonSchemaType.String, nullable);
        else if (type == typeof(System.Text.Json.JsonElement))
        {
            // A value the server passes through as it is (an audited field's old or new value): say so instead of an empty schema.
            schema.Type = null;
            schema.AnyOf =
            [
                new OpenApiSchema { Type = JsonSchemaType.String }, new OpenApiSchema { Type = JsonSchemaType.Number },
                new OpenApiSchema { Type = JsonSchemaType.Boolean }, new OpenApiSchema { Type = JsonSchemaType.Object },
                new OpenApiSchema { Type = JsonSchemaType.Array }, new OpenApiSchema { Type = JsonSchemaType.Null },
            ];
            schema.Description ??= "Any JSON value.";
        }
        else if (type.IsEnum && schema.Enum is { Count: > 0 })
        {
            // The enum is a component; a nullable use of it is wrapped in oneOf [null, $ref] by the generator.
            schema.Type = JsonSchemaType.String;
            foreach (var empty in schema.Enum.Where(e => e is null).ToList())
                schema.Enum.Remove(empty);
        }
        else if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && schema.Properties is { Count: > 0 })
        {
            var required = context.JsonTypeInfo.Properties.Where(p => p.IsRequired).Select(p => p.Name).ToHashSet();
            schema.Required = required.Count == 0 ? null : required;
        }

        if (context.JsonPropertyInfo is null && OpenApiExamples.For(type.Name) is { } example)
            schema.Examples = [example];
        return Task.CompletedTask;
    }

    private static TextFormatAttribute? TextFormatOf(JsonPropertyInfo? property) =>
        property?.AttributeProvider?.GetCustomAttributes(typeof(TextFormatAttribute), inherit: true).OfType<TextFormatAttribute>().FirstOrDefault();

    /// <summary>Sets a text parameter's or property's format, or the HH:mm pattern of a clock time.</summary>
    public static void ApplyTextFormat(OpenApiSchema schema, TextFormatAttribute text)
    {
        if (text.Format == TextFormatAttribute.ClockTime)
            schema.Pattern = ApiTime.ClockTimePattern;
        else
            schema.Format = text.Format;
    }

    private static bool IsNullableProperty(JsonPropertyInfo? property) =>
        property is not null && (property.AssociatedParameter?.IsNullable ?? (property.IsGetNullable && property.IsSetNullable));

    private static void Primitive(OpenApiSchema schema, JsonSchemaType type, bool nullable, string? format = null, string? pattern = null)
    {
        schema.Type = nullable ? type | JsonSchemaType.Null : type;
        schema.Format = format;
        schema.Pattern = pattern;
        schema.Properties = null;
        schema.Required = null;
    }

    /// <summary>Component names a client generator turns into clean class names: PageOf&lt;LeadResponse&gt; is "LeadResponsePage".</summary>
    public static string? ReferenceId(JsonTypeInfo typeInfo)
    {
        var type = Nullable.GetUnderlyingType(typeInfo.Type) ?? typeInfo.Type;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(PageOf<>))
            return $"{type.GetGenericArguments()[0].Name}Page";
        if (type == typeof(Instant) || type == typeof(LocalDate) || type == typeof(LocalTime) || type == typeof(System.Text.Json.JsonElement))
            return null;   // inline: a string with a format, or the typed webhook body set by the operation
        return OpenApiOptions.CreateDefaultSchemaReferenceId(typeInfo);
    }

    public static JsonNode? Node(string json) => JsonNode.Parse(json);
}
