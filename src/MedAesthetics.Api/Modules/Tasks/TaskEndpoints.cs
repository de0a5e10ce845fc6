using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Tasks;

public static class TaskEndpoints
{
    public static void MapTaskEndpoints(this IEndpointRouteBuilder routes)
    {
        var tasks = routes.MapGroup("/tasks").WithTags("Tasks").RequireAuthorization(Policies.Staff).WithValidation();

        tasks.MapPost("", async Task<Results<Created<TaskResponse>, ProblemHttpResult>> (
                CreateTaskRequest request, Caller caller, AccessScopeProvider scopes, AppDbContext db, IUserDirectory users, ILeadDirectory leads,
                IClock clock, CancellationToken ct) =>
            {
                var scope = await scopes.ForAsync(caller, ct);
                var assignee = request.AssigneeId ?? caller.UserId;
                if (await users.FindAsync(assignee, ct) is not { IsActive: true } person || !person.Role.IsStaff())
                    return ApiProblems.Invalid("assigneeId", "Tasks are assigned to active staff.");
                var clinicId = request.ClinicId;
                if (request.LeadId is { } leadId)
                {
                    var lead = (await leads.FindAsync([leadId], ct)).SingleOrDefault();
                    if (lead is null || !await CanReachLeadAsync(scope, lead, leads, ct))
                        return ApiProblems.Invalid("leadId", "There is no such lead.");
                    clinicId ??= lead.ClinicId;
                }
                if (clinicId is { } clinic && !scope.CanReachClinic(clinic))
                    return ApiProblems.Forbidden("You have no access to that clinic.");
                var task = StaffTask.Create(new NewTask(request.Title, request.Type, request.Priority ?? TaskPriority.Normal, request.DueAt, assignee,
                    request.LeadId, request.AppointmentId, request.ClientId, clinicId, request.Notes, caller.UserId));
                db.Set<StaffTask>().Add(task);
                if (assignee != caller.UserId)
                    db.Publish(new TaskAssigned(task.Id, assignee, task.Title, task.DueAt, task.LeadId, task.AppointmentId));
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"/tasks/{task.Id}", TaskResponse.From(task, clock.GetCurrentInstant()));
            })
            .WithSummary("Create a task (assigned to you unless assigneeId says otherwise)");

        tasks.MapGet("", async Task<Ok<PageOf<TaskResponse>>> (
                [AsParameters] TaskListQuery query, Caller caller, AccessScopeProvider scopes, AppDbContext db, ILeadDirectory leads, IClock clock, CancellationToken ct) =>
            {
                var now = clock.GetCurrentInstant();
                var list = Reachable(db.Set<StaffTask>().AsNoTracking(), await scopes.ForAsync(caller, ct), leads);
                if (query.AssigneeId is { } assignee) list = list.Where(t => t.AssigneeId == assignee);
                if (query.StatusFilter is { } status) list = list.Where(t => t.Status == status);
                if (query.TypeFilter is { } type) list = list.Where(t => t.Type == type);
                if (query.LeadId is { } lead) list = list.Where(t => t.LeadId == lead);
                if (query.DueBeforeInstant is { } before) list = list.Where(t => t.DueAt < before);
                if (query.Overdue is true) list = list.Where(t => (t.Status == TaskState.Open || t.Status == TaskState.InProgress) && t.DueAt < now);
                if (query.Overdue is false) list = list.Where(t => !((t.Status == TaskState.Open || t.Status == TaskState.InProgress) && t.DueAt < now));
                var page = await list.OrderBy(t => t.DueAt).ThenBy(t => t.Id).ToPageAsync(query.Paging, ct);
                return TypedResults.Ok(page.Map(t => TaskResponse.From(t, now)));
            })
            .WithSummary("Tasks you may see: yours, your clinics', your leads'");

        tasks.MapPatch("/{id:guid}", async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> (
                Guid id, UpdateTaskRequest request, Caller caller, AccessScopeProvider scopes, AppDbContext db, IUserDirectory users, ILeadDirectory leads,
                IClock clock, CancellationToken ct) =>
            {
                var task = await Reachable(db.Set<StaffTask>(), await scopes.ForAsync(caller, ct), leads).SingleOrDefaultAsync(t => t.Id == id, ct);
                if (task is null)
                    return ApiProblems.NotFound("There is no such task.");
                var now = clock.GetCurrentInstant();
                if (request.AssigneeId is { } assignee && assignee != task.AssigneeId)
                {
                    if (await users.FindAsync(assignee, ct) is not { IsActive: true } person || !person.Role.IsStaff())
                        return ApiProblems.Invalid("assigneeId", "Tasks are assigned to active staff.");
                    task.AssignTo(assignee);
                    db.Publish(new TaskAssigned(task.Id, assignee, task.Title, task.DueAt, task.LeadId, task.AppointmentId));
                }
                if (request.Status is { } status && status != task.Status) task.ChangeStatus(status, now);
                if (request.DueAt is { } due) task.Reschedule(due);
                if (request.Priority is { } priority) task.ChangePriority(priority);
                if (request.Notes is not null) task.ChangeNotes(request.Notes);
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(TaskResponse.From(task, now));
            })
            .WithSummary("Change a task's status (done sets completedAt), due time, assignee, notes or priority");
    }

    /// <summary>The admin sees every task; others their own (assigned or made), their clinics', and a salesperson its leads'.</summary>
    private static IQueryable<StaffTask> Reachable(IQueryable<StaffTask> tasks, AccessScope scope, ILeadDirectory leads)
    {
        if (scope.IsAdmin)
            return tasks;
        var me = scope.Caller.UserId;
        var teamClinics = scope.TeamClinics.ToList();
        if (scope.Caller.Role != UserRole.Salesperson)
            return tasks.Where(t => t.AssigneeId == me || t.CreatedBy == me || (t.ClinicId != null && teamClinics.Contains(t.ClinicId.Value)));
        var agentClinics = scope.AgentClinics.ToList();
        var myLeads = leads.ReachableBySalesperson(me, agentClinics);
        return tasks.Where(t => t.AssigneeId == me || t.CreatedBy == me
                                || (t.ClinicId != null && agentClinics.Contains(t.ClinicId.Value))
                                || (t.LeadId != null && myLeads.Contains(t.LeadId.Value)));
    }

    private static async Task<bool> CanReachLeadAsync(AccessScope scope, LeadSnapshot lead, ILeadDirectory leads, CancellationToken ct) =>
        scope.IsAdmin
        || (scope.Caller.Role == UserRole.Salesperson
            ? await leads.ReachableBySalesperson(scope.Caller.UserId, scope.AgentClinics.ToList()).AnyAsync(id => id == lead.Id, ct)
            : lead.ClinicId is { } clinic && scope.TeamClinics.Contains(clinic));
}
