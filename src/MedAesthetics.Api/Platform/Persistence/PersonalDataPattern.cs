using System.Text;

namespace MedAesthetics.Api.Platform.Persistence;

/// <summary>A PostgreSQL regular expression matching any of a person's values (name, email, phone) literally, for scrubbing free text and JSON.</summary>
public static class PersonalDataPattern
{
    /// <summary>Values shorter than 3 characters are left out: they would match inside unrelated words and JSON syntax.</summary>
    public static string? For(IEnumerable<string?> values)
    {
        var literals = values.Where(v => v is not null).Select(v => v!.Trim()).Where(v => v.Length >= 3)
            .Distinct(StringComparer.OrdinalIgnoreCase).Select(Escape).ToList();
        return literals.Count == 0 ? null : string.Join("|", literals);
    }

    /// <summary>Escapes every character that is not a letter or digit, which PostgreSQL's regular expressions then take literally.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder();
        foreach (var c in text)
        {
            if (!char.IsLetterOrDigit(c))
                escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }
}
