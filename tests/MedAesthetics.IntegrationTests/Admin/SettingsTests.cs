using System.Net;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Settings;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MedAesthetics.IntegrationTests.Admin;

public sealed class SettingsTests()
    : TwoNodes(new ApiFactory().With("Platform:HoldMinutes", "12"), new ApiFactory().With("Settings:RefreshMilliseconds", "0"))
{
    private static Task<PlatformSettings> ReadAsync(ApiFactory node) =>
        node.Services.GetRequiredService<IPlatformSettings>().GetAsync(CancellationToken.None).AsTask();

    [Fact]
    public async Task The_configured_values_seed_the_row_and_a_change_on_one_node_is_seen_by_the_other()
    {
        var (_, admin) = await First.SignedInAsync(UserRole.Admin);
        var settings = await (await First.Authorized(admin).GetAsync("/admin/settings")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(12, settings.GetProperty("holdMinutes").GetInt32());
        Assert.Equal(12, (await ReadAsync(Second)).HoldMinutes);

        var changed = await (await First.Authorized(admin).PatchJsonAsync("/admin/settings", new { holdMinutes = 7, reminderHours = new[] { 48, 3 } }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(7, changed.GetProperty("holdMinutes").GetInt32());
        Assert.Equal(15, changed.GetProperty("slotStepMinutes").GetInt32());

        Assert.Equal(7, (await ReadAsync(First)).HoldMinutes);
        var seen = await ReadAsync(Second);
        Assert.Equal(7, seen.HoldMinutes);
        Assert.Equal([48, 3], seen.ReminderHours);
    }

    [Theory]
    [InlineData("holdMinutes", 0)]
    [InlineData("holdMinutes", 61)]
    [InlineData("reminderHours", 169)]
    [InlineData("followUpCallHour", 24)]
    [InlineData("retentionDays", 0)]
    [InlineData("defaultTimezone", "Mars/Olympus")]
    [InlineData("quietHoursStart", "25:00")]
    [InlineData("nonsense", 1)]
    [InlineData("holdMinutes", "ten")]
    public async Task A_value_out_of_range_or_unknown_is_400_naming_the_field_and_changes_nothing(string field, object value)
    {
        var (_, admin) = await First.SignedInAsync(UserRole.Admin);
        var before = await ReadAsync(First);
        object body = field == "reminderHours"
            ? new Dictionary<string, object> { [field] = new[] { value } }
            : new Dictionary<string, object> { [field] = value };
        var problem = await (await First.Authorized(admin).PatchJsonAsync("/admin/settings", body)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(before, await ReadAsync(First) with { ReminderHours = before.ReminderHours });
        Assert.Equal(before.ReminderHours, (await ReadAsync(First)).ReminderHours);
    }

    [Fact]
    public async Task Only_admins_read_or_change_settings()
    {
        var (_, owner) = await First.SignedInAsync(UserRole.ClinicOwner);
        await (await First.Authorized(owner).GetAsync("/admin/settings")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await First.Authorized(owner).PatchJsonAsync("/admin/settings", new { holdMinutes = 5 })).ExpectAsync(HttpStatusCode.Forbidden);
        await (await First.CreateClient().GetAsync("/admin/settings")).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_read_goes_on_with_the_settings_it_has_while_another_read_checks_the_version()
    {
        var before = await ReadAsync(Second);   // the second node has its settings (it checks the version on every read)
        await using var tableLock = await TableLock.TakeAsync(First.ConnectionString, "platform_settings");
        var checking = ReadAsync(Second);   // reads the version and waits for the lock
        await tableLock.UntilSomeoneWaitsAsync();

        // A read that comes meanwhile answers with the settings the node has rather than queueing behind that check.
        var meanwhile = ReadAsync(Second);
        Assert.Same(meanwhile, await Task.WhenAny(meanwhile, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.Equal(before.HoldMinutes, (await meanwhile).HoldMinutes);
        Assert.False(checking.IsCompleted);

        await tableLock.ReleaseAsync();
        Assert.Equal(before.HoldMinutes, (await checking).HoldMinutes);
    }
}
