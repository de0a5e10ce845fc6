using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MedAesthetics.Api.Platform.Persistence;

/// <summary>Stores enums as the same snake_case text the API speaks, with a CHECK constraint listing the allowed values.</summary>
public static class EnumColumns
{
    public static string ToText<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static TEnum FromText<TEnum>(string text) where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().First(v => ToText(v) == text);

    /// <summary>The value spelled as the API spells it ("no_show"), or null for null or unknown text (query strings).</summary>
    public static TEnum? Parse<TEnum>(string? text) where TEnum : struct, Enum =>
        text is null ? null : Enum.GetValues<TEnum>().Cast<TEnum?>().FirstOrDefault(v => ToText(v!.Value) == text);

    public static string Names<TEnum>() where TEnum : struct, Enum => string.Join(", ", Enum.GetValues<TEnum>().Select(v => ToText(v)));

    public static PropertyBuilder<TEnum> HasSnakeCaseText<TEnum>(this PropertyBuilder<TEnum> property, EntityTypeBuilder entity, string column)
        where TEnum : struct, Enum
    {
        property.HasConversion(new ValueConverter<TEnum, string>(v => ToText(v), v => FromText<TEnum>(v))).HasMaxLength(40);
        var allowed = string.Join(", ", Enum.GetValues<TEnum>().Select(v => $"'{ToText(v)}'"));
        entity.ToTable(t => t.HasCheckConstraint($"ck_{entity.Metadata.GetTableName()}_{column}", $"{column} IN ({allowed})"));
        return property;
    }
}
