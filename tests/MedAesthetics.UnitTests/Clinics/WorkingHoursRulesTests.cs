using MedAesthetics.Api.Modules.Clinics;

namespace MedAesthetics.UnitTests.Clinics;

public sealed class WorkingHoursRulesTests
{
    private static readonly WorkingHoursRequestsValidator Validator = new();

    private static bool Valid(params WorkingHoursRequest[] week) => Validator.Validate(week).IsValid;

    [Fact]
    public void Intervals_of_one_day_may_touch_but_not_overlap()
    {
        Assert.True(Valid(new(1, "09:00", "13:00"), new(1, "13:00", "17:00")));
        Assert.False(Valid(new(1, "09:00", "13:00"), new(1, "12:30", "17:00")));
    }

    [Fact]
    public void The_same_hours_on_different_days_do_not_overlap()
    {
        Assert.True(Valid(new(1, "09:00", "17:00"), new(2, "09:00", "17:00")));
    }

    [Fact]
    public void A_day_is_an_iso_weekday_and_an_interval_ends_after_it_starts()
    {
        Assert.False(Valid(new WorkingHoursRequest(0, "09:00", "17:00")));
        Assert.False(Valid(new WorkingHoursRequest(8, "09:00", "17:00")));
        Assert.False(Valid(new WorkingHoursRequest(3, "17:00", "09:00")));
        Assert.False(Valid(new WorkingHoursRequest(3, "9am", "17:00")));
    }
}
