using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MedAesthetics.Api.Platform.Persistence;

/// <summary>Stores enums as the same snake_case text the API speaks, with a CHECK constraint listing the allowed values.</summary>
public static class EnumColumns
{
    public static string ToText<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Spellings<TEnum>.Texts.TryGetValue(value, out var text) ? text : Spell(value);

    /// <summary>The value of a column's text; an InvalidOperationException for text no value has (the CHECK constraint allows none).</summary>
    public static TEnum FromText<TEnum>(string text) where TEnum : struct, Enum =>
        Spellings<TEnum>.Values.TryGetValue(text, out var value) ? value
            : throw new InvalidOperationException($"'{text}' is not a {typeof(TEnum).Name}.");

    /// <summary>The value spelled as the API spells it ("no_show"), or null for null or unknown text (query strings).</summary>
    public static TEnum? Parse<TEnum>(string? text) where TEnum : struct, Enum =>
        text is not null && Spellings<TEnum>.Values.TryGetValue(text, out var value) ? value : null;

    public static string Names<TEnum>() where TEnum : struct, Enum => string.Join(", ", Enum.GetValues<TEnum>().Select(v => ToText(v)));

    private static string Spell<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>
    /// Each value's text and back, spelled once per enum: a column's value converter runs for every row read or written
    /// (a page of 50 leads reads 100), and spelling the names anew for each cost a string per name compared.
    /// </summary>
    private static class Spellings<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> Texts = Enum.GetValues<TEnum>().Distinct().ToFrozenDictionary(v => v, Spell);
        public static readonly FrozenDictionary<string, TEnum> Values = Texts.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }

    public static PropertyBuilder<TEnum> HasSnakeCaseText<TEnum>(this PropertyBuilder<TEnum> property, EntityTypeBuilder entity, string column)
        where TEnum : struct, Enum
    {
        property.HasConversion(new ValueConverter<TEnum, string>(v => ToText(v), v => FromText<TEnum>(v))).HasMaxLength(40);
        var allowed = string.Join(", ", Enum.GetValues<TEnum>().Select(v => $"'{ToText(v)}'"));
        entity.ToTable(t => t.HasCheckConstraint($"ck_{entity.Metadata.GetTableName()}_{column}", $"{column} IN ({allowed})"));
        return property;
    }
}
