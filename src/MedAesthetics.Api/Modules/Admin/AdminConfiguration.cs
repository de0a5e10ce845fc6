using System.Text.Json;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAesthetics.Api.Modules.Admin;

public sealed class PlatformSettingsRowConfiguration : IEntityTypeConfiguration<PlatformSettingsRow>
{
    public void Configure(EntityTypeBuilder<PlatformSettingsRow> builder)
    {
        builder.ToTable("platform_settings", t =>
        {
            t.HasCheckConstraint("ck_platform_settings_singleton", $"id = '{PlatformSettingsRow.SingletonId}'");
            t.HasCheckConstraint("ck_platform_settings_version", "version >= 1");
        });
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Property(s => s.Values).HasColumnType("jsonb").HasConversion(
            v => JsonSerializer.Serialize(v, ApiJson.Options),
            text => JsonSerializer.Deserialize<PlatformSettings>(text, ApiJson.Options) ?? new PlatformSettings(),
            new ValueComparer<PlatformSettings>(
                (a, b) => JsonSerializer.Serialize(a, ApiJson.Options) == JsonSerializer.Serialize(b, ApiJson.Options),
                v => JsonSerializer.Serialize(v, ApiJson.Options).GetHashCode(),
                v => JsonSerializer.Deserialize<PlatformSettings>(JsonSerializer.Serialize(v, ApiJson.Options), ApiJson.Options)!));
    }
}
