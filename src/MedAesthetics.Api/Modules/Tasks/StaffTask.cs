using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Tasks;

public enum TaskType
{
    Call,
    FollowUp,
    Reminder,
    Email,
    Meeting,
    Other,
}

public enum TaskState
{
    Open,
    InProgress,
    Done,
    Cancelled,
}

public enum TaskPriority
{
    Low,
    Normal,
    High,
}

/// <summary>
/// Work for a member of staff, made by hand or by an automation rule. A rule's task carries a key naming the rule and
/// its occasion (unique), and the database allows one open task per rule and lead or appointment, so no sweep,
/// second node or redelivered event makes a second.
/// </summary>
public sealed class StaffTask : Entity
{
    private StaffTask() { }

    public string Title { get; private set; } = "";
    public TaskType Type { get; private set; }
    public TaskState Status { get; private set; } = TaskState.Open;
    public TaskPriority Priority { get; private set; } = TaskPriority.Normal;
    public Instant DueAt { get; private set; }
    public Guid? AssigneeId { get; private set; }
    public Guid? LeadId { get; private set; }
    public Guid? AppointmentId { get; private set; }
    public Guid? ClientId { get; private set; }
    /// <summary>The clinic whose staff may see it.</summary>
    public Guid? ClinicId { get; private set; }
    public string? Notes { get; private set; }
    /// <summary>The user who made it, or null when a rule did ("system").</summary>
    public Guid? CreatedBy { get; private set; }
    /// <summary>The automation rule that made it ("lead-stale-new"); null for hand-made tasks.</summary>
    public string? Rule { get; private set; }
    /// <summary>The rule and its occasion ("lead-stale-new:{leadId}"): a rule fires once per occasion.</summary>
    public string? RuleKey { get; private set; }
    public Instant? CompletedAt { get; private set; }

    public bool IsOpen => Status is TaskState.Open or TaskState.InProgress;

    public static StaffTask Create(NewTask task) => new()
    {
        Title = task.Title.Trim(),
        Type = task.Type,
        Priority = task.Priority,
        DueAt = task.DueAt,
        AssigneeId = task.AssigneeId,
        LeadId = task.LeadId,
        AppointmentId = task.AppointmentId,
        ClientId = task.ClientId,
        ClinicId = task.ClinicId,
        Notes = string.IsNullOrWhiteSpace(task.Notes) ? null : task.Notes.Trim(),
        CreatedBy = task.CreatedBy,
        RuleKey = task.RuleKey,
        Rule = task.Rule,
    };

    public void ChangeStatus(TaskState status, Instant now)
    {
        Status = status;
        CompletedAt = status == TaskState.Done ? now : null;
    }

    public void Reschedule(Instant dueAt) => DueAt = dueAt;
    public void AssignTo(Guid? assigneeId) => AssigneeId = assigneeId;
    public void ChangeNotes(string? notes) => Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
    public void ChangePriority(TaskPriority priority) => Priority = priority;

    public bool IsOverdue(Instant now) => IsOpen && DueAt < now;
}

public sealed record NewTask(
    string Title, TaskType Type, TaskPriority Priority, Instant DueAt, Guid? AssigneeId,
    Guid? LeadId = null, Guid? AppointmentId = null, Guid? ClientId = null, Guid? ClinicId = null,
    string? Notes = null, Guid? CreatedBy = null, string? RuleKey = null)
{
    /// <summary>The rule part of the key ("lead-stale-new" of "lead-stale-new:{leadId}").</summary>
    public string? Rule => RuleKey?.Split(':')[0];
}
