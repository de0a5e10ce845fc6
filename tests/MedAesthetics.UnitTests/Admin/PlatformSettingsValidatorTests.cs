using MedAesthetics.Api.Modules.Admin;
using MedAesthetics.Api.Platform.Settings;

namespace MedAesthetics.UnitTests.Admin;

public sealed class PlatformSettingsValidatorTests
{
    private static readonly PlatformSettingsValidator Validator = new();

    [Fact]
    public void The_domain_defaults_are_valid() => Assert.True(Validator.Validate(new PlatformSettings()).IsValid);

    [Fact]
    public void Hold_minutes_are_between_1_and_60()
    {
        Assert.False(Validator.Validate(new PlatformSettings { HoldMinutes = 0 }).IsValid);
        Assert.True(Validator.Validate(new PlatformSettings { HoldMinutes = 60 }).IsValid);
        Assert.False(Validator.Validate(new PlatformSettings { HoldMinutes = 61 }).IsValid);
    }

    [Fact]
    public void Each_reminder_hour_is_between_1_and_168_and_none_repeats()
    {
        Assert.True(Validator.Validate(new PlatformSettings { ReminderHours = [168, 1] }).IsValid);
        Assert.False(Validator.Validate(new PlatformSettings { ReminderHours = [0] }).IsValid);
        Assert.False(Validator.Validate(new PlatformSettings { ReminderHours = [169] }).IsValid);
        Assert.False(Validator.Validate(new PlatformSettings { ReminderHours = [24, 24] }).IsValid);
        Assert.False(Validator.Validate(new PlatformSettings { ReminderHours = [] }).IsValid);
    }

    [Fact]
    public void The_minimum_redemption_is_a_multiple_of_the_step()
    {
        Assert.False(Validator.Validate(new PlatformSettings { MinRedemptionPoints = 150, RedemptionStepPoints = 100 }).IsValid);
        Assert.True(Validator.Validate(new PlatformSettings { MinRedemptionPoints = 200, RedemptionStepPoints = 100 }).IsValid);
    }

    [Fact]
    public void The_slot_step_divides_an_hour() =>
        Assert.False(Validator.Validate(new PlatformSettings { SlotStepMinutes = 25 }).IsValid);

    /// <summary>Found by the body fuzzer: a step of 0 fell through the range rule into "60 % step" and answered 500.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(-15)]
    public void A_slot_step_of_zero_or_less_is_refused_not_divided_by(int step) =>
        Assert.False(Validator.Validate(new PlatformSettings { SlotStepMinutes = step }).IsValid);
}
