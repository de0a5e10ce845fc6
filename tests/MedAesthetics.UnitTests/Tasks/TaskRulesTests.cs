using MedAesthetics.Api.Modules.Tasks;
using NodaTime;

namespace MedAesthetics.UnitTests.Tasks;

public sealed class TaskRulesTests
{
    private static readonly DateTimeZone Athens = DateTimeZoneProviders.Tzdb["Europe/Athens"];

    [Fact]
    public void A_follow_up_is_due_the_next_local_day_at_the_follow_up_hour()
    {
        // 23:30 in Athens on 10 May (20:30 UTC): the next day is 11 May, by the clinic's calendar.
        var lateEvening = new LocalDateTime(2026, 5, 10, 23, 30).InZoneStrictly(Athens).ToInstant();

        var due = TaskAutomation.NextDayAt(lateEvening, Athens, 10);

        Assert.Equal(new LocalDateTime(2026, 5, 11, 10, 0), due.InZone(Athens).LocalDateTime);
    }

    [Fact]
    public void The_follow_up_hour_keeps_its_local_time_across_the_clock_change()
    {
        var beforeChange = new LocalDateTime(2026, 3, 28, 12, 0).InZoneStrictly(Athens).ToInstant();

        var due = TaskAutomation.NextDayAt(beforeChange, Athens, 10);

        Assert.Equal(new LocalDateTime(2026, 3, 29, 10, 0), due.InZone(Athens).LocalDateTime);
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 7, 0), due);
    }

    [Fact]
    public void A_rule_key_names_its_rule_before_the_occasion()
    {
        var task = new NewTask("Call", TaskType.Call, TaskPriority.Normal, Instant.FromUtc(2026, 5, 1, 9, 0), null, RuleKey: $"lead-stale-new:{Guid.NewGuid()}");

        Assert.Equal("lead-stale-new", task.Rule);
        Assert.Null((task with { RuleKey = null }).Rule);
    }

    [Fact]
    public void Only_an_open_or_started_task_past_its_due_time_is_overdue()
    {
        var due = Instant.FromUtc(2026, 5, 1, 9, 0);
        var task = StaffTask.Create(new NewTask("Call", TaskType.Call, TaskPriority.Normal, due, null));

        Assert.False(task.IsOverdue(due));
        Assert.True(task.IsOverdue(due + Duration.FromSeconds(1)));
        task.ChangeStatus(TaskState.InProgress, due);
        Assert.True(task.IsOverdue(due + Duration.FromSeconds(1)));
        task.ChangeStatus(TaskState.Done, due);
        Assert.False(task.IsOverdue(due + Duration.FromSeconds(1)));
    }
}
