using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;

namespace MedAesthetics.Api.Modules.Admin;

/// <summary>
/// The one row of platform settings: every "(setting)" of DOMAIN.md as one typed record (a jsonb document), with a
/// version every change raises, which nodes read to know their cached copy is stale.
/// </summary>
public sealed class PlatformSettingsRow : Entity
{
    public static readonly Guid SingletonId = new("00000000-0000-0000-0000-000000000001");

    private PlatformSettingsRow() { }

    public long Version { get; private set; }
    public PlatformSettings Values { get; private set; } = new();

    public static PlatformSettingsRow Seed(PlatformSettings defaults) => new() { Id = SingletonId, Version = 1, Values = defaults };

    public void Change(PlatformSettings values)
    {
        Values = values;
        Version++;
    }
}
