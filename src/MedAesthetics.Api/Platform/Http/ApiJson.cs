using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace MedAesthetics.Api.Platform.Http;

/// <summary>
/// One JSON shape for HTTP and for outbox payloads: camelCase, snake_case enum strings, ISO NodaTime values.
/// Reading is strict, so that no input falls back to a silent default: numbers must be JSON numbers, a null is accepted
/// only where the property is declared nullable, a non-nullable constructor parameter without a default must be present
/// (<see cref="JsonInputRules.RequireNonNullableParameters"/>), text may not contain NUL and instants and dates stay
/// within <see cref="ApiTime.MinYear"/>..<see cref="ApiTime.MaxYear"/>. Every refusal is a JsonException, answered 400.
/// </summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.RespectNullableAnnotations = true;
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
            .WithAddedModifier(JsonInputRules.RequireNonNullableParameters);
        options.Converters.Add(new TextWithoutNulConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new LenientInstantConverter());
        options.Converters.Add(new BoundedLocalDateConverter());
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        return options;
    }

    /// <summary>
    /// Request bodies also refuse a property the type does not have (a misspelt optional field would otherwise be dropped
    /// in silence): a 400 naming it. Outbox payloads keep <see cref="Apply"/> alone, so an event written before a
    /// property was removed still reads.
    /// </summary>
    public static JsonSerializerOptions ApplyToHttp(JsonSerializerOptions options)
    {
        Apply(options);
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        return options;
    }
}
