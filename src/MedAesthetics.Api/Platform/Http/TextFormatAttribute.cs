namespace MedAesthetics.Api.Platform.Http;

/// <summary>
/// Says what a text property or query parameter carries, so the OpenAPI document can say it too: a <c>date</c> or
/// <c>date-time</c> format, or the HH:mm pattern of a clock time (<see cref="ApiTime.ClockTimePattern"/>). The validator
/// still decides; this only documents what it accepts. On a record's positional parameter write <c>[property: TextFormat(...)]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TextFormatAttribute(string format) : Attribute
{
    public const string Date = "date";
    public const string DateTime = "date-time";
    public const string ClockTime = "HH:mm";

    public string Format { get; } = format;
}
