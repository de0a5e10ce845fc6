using MedAesthetics.Api.Platform.Settings;
using Microsoft.Extensions.Configuration;

namespace MedAesthetics.UnitTests.Platform;

public sealed class PlatformSettingsTests
{
    private static PlatformSettings Read(Dictionary<string, string?> values) =>
        new ConfiguredPlatformSettings(new ConfigurationBuilder().AddInMemoryCollection(values).Build()).GetAsync(CancellationToken.None).Result;

    [Fact]
    public void Without_configuration_the_domain_defaults_apply()
    {
        var settings = Read([]);

        Assert.Equal([24, 2], settings.ReminderHours);
        Assert.Equal(10, settings.HoldMinutes);
        Assert.Equal("Europe/Athens", settings.DefaultTimezone);
    }

    [Fact]
    public void Configured_reminder_hours_replace_the_defaults()
    {
        var settings = Read(new() { ["Platform:ReminderHours:0"] = "48", ["Platform:HoldMinutes"] = "5" });

        Assert.Equal([48], settings.ReminderHours);
        Assert.Equal(5, settings.HoldMinutes);
    }
}
