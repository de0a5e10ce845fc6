using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace MedAesthetics.Api.Modules.Notifications;

public sealed record RenderedMessage(string Title, string Body);

public sealed record MessageTemplate(string Title, string Body);

/// <summary>
/// Templates per trigger and locale, kept as JSON files in Templates/ (embedded in the assembly): one file per locale,
/// one entry per trigger ("appointment_booked", and ".provider" for the provider's version). A missing locale or
/// entry falls back to English. Placeholders are {name}; an unknown one renders empty.
/// </summary>
public static partial class NotificationTemplates
{
    public const string FallbackLocale = "en";

    private static readonly Lazy<FrozenDictionary<string, FrozenDictionary<string, MessageTemplate>>> Catalog = new(Load);

    public static IReadOnlyCollection<string> Locales => Catalog.Value.Keys;

    public static MessageTemplate? Find(string name, string locale)
    {
        var catalog = Catalog.Value;
        var language = Language(locale);
        if (catalog.TryGetValue(language, out var templates) && templates.TryGetValue(name, out var template))
            return template;
        return catalog[FallbackLocale].GetValueOrDefault(name);
    }

    public static RenderedMessage Render(string name, string locale, IReadOnlyDictionary<string, string> values)
    {
        var template = Find(name, locale) ?? throw new InvalidOperationException($"No template '{name}'.");
        return new RenderedMessage(Fill(template.Title, values), Fill(template.Body, values));
    }

    public static string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(text, m => values.GetValueOrDefault(m.Groups[1].Value, ""));

    /// <summary>"el-GR" and "el" are Greek; anything without templates is English.</summary>
    public static string Language(string? locale)
    {
        var language = (locale ?? "").Split('-', '_')[0].ToLowerInvariant();
        return Catalog.Value.ContainsKey(language) ? language : FallbackLocale;
    }

    /// <summary>A local date as the recipient's language writes it ("6 March 2026", "6 Μαρτίου 2026").</summary>
    public static string FormatDate(LocalDate date, string locale) =>
        LocalDatePattern.Create("d MMMM yyyy", CultureOf(locale)).Format(date);

    public static string FormatTime(LocalTime time) => LocalTimePattern.Create("HH:mm", CultureInfo.InvariantCulture).Format(time);

    private static CultureInfo CultureOf(string locale) => Language(locale) switch
    {
        "el" => CultureInfo.GetCultureInfo("el-GR"),
        _ => CultureInfo.GetCultureInfo("en-GB"),
    };

    private static FrozenDictionary<string, FrozenDictionary<string, MessageTemplate>> Load()
    {
        var assembly = typeof(NotificationTemplates).Assembly;
        const string prefix = "MedAesthetics.Api.Modules.Notifications.Templates.";
        var result = new Dictionary<string, FrozenDictionary<string, MessageTemplate>>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            var entries = JsonSerializer.Deserialize<Dictionary<string, MessageTemplate>>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            result[resource[prefix.Length..^".json".Length]] = entries.ToFrozenDictionary();
        }
        if (!result.ContainsKey(FallbackLocale))
            throw new InvalidOperationException("The English notification templates are missing.");
        return result.ToFrozenDictionary();
    }

    [GeneratedRegex(@"\{([a-zA-Z]+)\}")]
    private static partial Regex Placeholder();
}
