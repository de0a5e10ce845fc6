using System.Text.Json;
using System.Text.RegularExpressions;
using MedAesthetics.Api.Platform.Http;

namespace MedAesthetics.Api.Platform.Errors;

/// <summary>
/// The `errors` map of a body the JSON reader refused: the field named by the reader's path (a wrong type, a null where
/// none is allowed, an unknown enum value, NUL in text, an instant out of range) or each required field left out.
/// </summary>
public static partial class JsonInputErrors
{
    public static Dictionary<string, string[]>? From(Exception exception)
    {
        var json = exception as JsonException ?? exception.InnerException as JsonException;
        if (json is null)
            return null;

        var field = Field(json.Path);
        var missing = MissingProperties().Match(json.Message);
        if (missing.Success)
            return Quoted().Matches(missing.Groups[1].Value)
                .Select(m => field is null ? m.Groups[1].Value : $"{field}.{m.Groups[1].Value}")
                .Distinct()
                .ToDictionary(name => name, name => new[] { $"'{name}' is required." });

        var unknown = UnmappedProperty().Match(json.Message);
        if (unknown.Success)
        {
            var name = field ?? unknown.Groups[1].Value;
            return new Dictionary<string, string[]> { [name] = [$"'{name}' is not a property of this body."] };
        }
        if (field is null)
            return null;
        var message = json is JsonInputException ? json.Message : $"'{field}' is null, of the wrong type or not one of the allowed values.";
        return new Dictionary<string, string[]> { [field] = [message] };
    }

    /// <summary>"$.workingHours[0].start" -> "workingHours[0].start"; "$" or nothing -> null.</summary>
    private static string? Field(string? path)
    {
        if (string.IsNullOrEmpty(path))
            return null;
        var field = path.TrimStart('$').TrimStart('.');
        field = BracketName().Replace(field, ".$1").TrimStart('.');
        return field.Length == 0 ? null : field;
    }

    [GeneratedRegex("missing required properties,? including:? (.*)$", RegexOptions.Singleline)]
    private static partial Regex MissingProperties();

    [GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\['([^']+)'\]")]
    private static partial Regex BracketName();
}
