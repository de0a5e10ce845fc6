using FluentValidation;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Tasks;

public sealed record CreateTaskRequest(
    string Title, TaskType Type, Instant DueAt, Guid? AssigneeId, Guid? LeadId, Guid? AppointmentId, Guid? ClientId,
    TaskPriority? Priority, string? Notes, Guid? ClinicId);

public sealed record UpdateTaskRequest(TaskState? Status, Instant? DueAt, Guid? AssigneeId, string? Notes, TaskPriority? Priority);

public sealed record TaskListQuery
{
    public Guid? AssigneeId { get; init; }
    [TextValues(typeof(TaskState))] public string? Status { get; init; }
    [TextValues(typeof(TaskType))] public string? Type { get; init; }
    public Guid? LeadId { get; init; }
    [TextFormat(TextFormatAttribute.DateTime)] public string? DueBefore { get; init; }
    public bool? Overdue { get; init; }
    public int? Page { get; init; }
    public int? PageSize { get; init; }

    public PageQuery Paging => new(Page, PageSize);
    public TaskState? StatusFilter => EnumColumns.Parse<TaskState>(Status);
    public TaskType? TypeFilter => EnumColumns.Parse<TaskType>(Type);
    public Instant? DueBeforeInstant => ApiTime.TryParseInstant(DueBefore, out var i) ? i : null;
}

public sealed record TaskResponse(
    Guid Id, string Title, TaskType Type, TaskState Status, TaskPriority Priority, Instant DueAt, Guid? AssigneeId, Guid? LeadId,
    Guid? AppointmentId, Guid? ClientId, Guid? ClinicId, string? Notes, string CreatedBy, Instant? CompletedAt, bool Overdue, Instant CreatedAt)
{
    public static TaskResponse From(StaffTask t, Instant now) => new(t.Id, t.Title, t.Type, t.Status, t.Priority, t.DueAt, t.AssigneeId, t.LeadId,
        t.AppointmentId, t.ClientId, t.ClinicId, t.Notes, t.CreatedBy?.ToString() ?? "system", t.CompletedAt, t.IsOverdue(now), t.CreatedAt);
}

public sealed class CreateTaskRequestValidator : AbstractValidator<CreateTaskRequest>
{
    public CreateTaskRequestValidator()
    {
        RuleFor(r => r.Title).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Type).IsInEnum();
        RuleFor(r => r.DueAt).NotEqual(default(Instant)).WithMessage("dueAt is required.");
        RuleFor(r => r.Priority).IsInEnum();
        RuleFor(r => r.Notes).MaximumLength(4000);
    }
}

public sealed class UpdateTaskRequestValidator : AbstractValidator<UpdateTaskRequest>
{
    public UpdateTaskRequestValidator()
    {
        RuleFor(r => r.Status).IsInEnum();
        RuleFor(r => r.Priority).IsInEnum();
        RuleFor(r => r.Notes).MaximumLength(4000);
    }
}

public sealed class TaskListQueryValidator : AbstractValidator<TaskListQuery>
{
    public TaskListQueryValidator()
    {
        RuleFor(q => q.Status).Must(s => s is null || EnumColumns.Parse<TaskState>(s) is not null).WithMessage("status must be one of open, in_progress, done, cancelled.");
        RuleFor(q => q.Type).Must(s => s is null || EnumColumns.Parse<TaskType>(s) is not null).WithMessage("type must be one of call, follow_up, reminder, email, meeting, other.");
        RuleFor(q => q.DueBefore).Must(t => t is null || ApiTime.TryParseInstant(t, out _)).WithMessage("dueBefore must be an ISO-8601 instant.");
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).ValidPageSize();
    }
}
