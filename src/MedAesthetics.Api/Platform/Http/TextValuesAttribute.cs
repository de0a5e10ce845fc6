using System.Reflection;
using System.Text.Json;

namespace MedAesthetics.Api.Platform.Http;

/// <summary>
/// The values a text query parameter accepts, so the OpenAPI document lists them as its <c>enum</c>: an enum's snake_case
/// names, a fixed list, or a static string array of a type. The validator still decides; this only documents it.
/// On a record's positional parameter write <c>[property: TextValues(...)]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TextValuesAttribute : Attribute
{
    public TextValuesAttribute(Type enumType) =>
        Values = Enum.GetNames(enumType).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName).ToArray();

    public TextValuesAttribute(params string[] values) => Values = values;

    public TextValuesAttribute(Type owner, string staticField) =>
        Values = (string[])owner.GetField(staticField, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    public IReadOnlyList<string> Values { get; }
}
