namespace MedAesthetics.Api.Platform.Settings;

/// <summary>
/// Platform settings of DOMAIN.md that the modules built so far read. Defaults come from configuration
/// (section "Platform"); the Admin module will make them editable through /admin/settings.
/// </summary>
public sealed record PlatformSettings
{
    public string DefaultTimezone { get; init; } = "Europe/Athens";
    public string DefaultLocale { get; init; } = "en";
}

public interface IPlatformSettings
{
    ValueTask<PlatformSettings> GetAsync(CancellationToken cancellationToken);
}

public sealed class ConfiguredPlatformSettings(IConfiguration configuration) : IPlatformSettings
{
    private readonly PlatformSettings _settings = configuration.GetSection("Platform").Get<PlatformSettings>() ?? new PlatformSettings();

    public ValueTask<PlatformSettings> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_settings);
}
