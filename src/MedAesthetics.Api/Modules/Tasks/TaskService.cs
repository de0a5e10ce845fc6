using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Tasks;

/// <summary>
/// Hand-made tasks: create and change. Every id a task refers to is checked against the caller's reach first (a lead or
/// appointment it may see, a clinic it reaches, a client, an assignee on staff within reach), so nothing reaches across clinics.
/// </summary>
public sealed class TaskService(
    AppDbContext db, IUserDirectory users, ILeadDirectory leads, IBookingDirectory bookings, IClinicDirectory clinics,
    AccessScopeProvider scopes, IClock clock)
{
    public async Task<Outcome<TaskResponse>> CreateAsync(CreateTaskRequest request, AccessScope scope, CancellationToken ct)
    {
        var caller = scope.Caller;
        var assignee = request.AssigneeId ?? caller.UserId;
        if (await AssigneeErrorAsync(assignee, scope, ct) is { } assigneeError)
            return assigneeError;
        var clinicId = request.ClinicId;
        if (request.LeadId is { } leadId)
        {
            var lead = (await leads.FindAsync([leadId], ct)).SingleOrDefault();
            if (lead is null || !(await leads.ReachableAsync(scope, [leadId], ct)).Contains(leadId))
                return Error.Invalid("leadId", "There is no such lead.");
            clinicId ??= lead.ClinicId;
        }
        if (request.AppointmentId is { } appointmentId)
        {
            var appointment = await bookings.FindVisibleAsync(appointmentId, scope, ct);
            if (appointment is null)
                return Error.NotFound("There is no such appointment.");
            clinicId ??= appointment.ClinicId;
        }
        if (request.ClientId is { } clientId && await users.FindAsync(clientId, ct) is not { Role: UserRole.Client })
            return Error.NotFound("There is no such client.");
        if (clinicId is { } clinic)
        {
            if (await clinics.FindClinicAsync(clinic, ct) is null)
                return Error.NotFound("There is no such clinic.");
            if (!scope.CanReachClinic(clinic))
                return Error.Forbidden("You have no access to that clinic.");
        }
        var task = StaffTask.Create(new NewTask(request.Title, request.Type, request.Priority ?? TaskPriority.Normal, request.DueAt, assignee,
            request.LeadId, request.AppointmentId, request.ClientId, clinicId, request.Notes, caller.UserId));
        db.Set<StaffTask>().Add(task);
        if (assignee != caller.UserId)
            db.Publish(new TaskAssigned(task.Id, assignee, task.Title, task.DueAt, task.LeadId, task.AppointmentId));
        await db.SaveChangesAsync(ct);
        return TaskResponse.From(task, clock.GetCurrentInstant());
    }

    public async Task<Outcome<TaskResponse>> UpdateAsync(Guid id, UpdateTaskRequest request, AccessScope scope, CancellationToken ct)
    {
        var task = await db.Set<StaffTask>().SingleOrDefaultAsync(t => t.Id == id, ct);
        var reachableLeads = task?.LeadId is { } leadId && TaskAccess.NeedsLeads(scope)
            ? await leads.ReachableAsync(scope, [leadId], ct)
            : new HashSet<Guid>();
        if (task is null || !scope.CanSee(task, reachableLeads))
            return Error.NotFound("There is no such task.");
        var now = clock.GetCurrentInstant();
        if (request.AssigneeId is { } assignee && assignee != task.AssigneeId)
        {
            if (await AssigneeErrorAsync(assignee, scope, ct) is { } assigneeError)
                return assigneeError;
            task.AssignTo(assignee);
            db.Publish(new TaskAssigned(task.Id, assignee, task.Title, task.DueAt, task.LeadId, task.AppointmentId));
        }
        if (request.Status is { } status && status != task.Status) task.ChangeStatus(status, now);
        if (request.DueAt is { } due) task.Reschedule(due);
        if (request.Priority is { } priority) task.ChangePriority(priority);
        if (request.Notes is not null) task.ChangeNotes(request.Notes);
        await db.SaveChangesAsync(ct);
        return TaskResponse.From(task, now);
    }

    /// <summary>
    /// The one assignee rule: active staff (else 400); and, unless the caller is the admin or assigns itself, not a member of
    /// clinics the caller does not reach (404, as if unknown). Staff of no clinic (salespeople, the admin) are in everyone's reach.
    /// </summary>
    private async Task<Error?> AssigneeErrorAsync(Guid assigneeId, AccessScope scope, CancellationToken ct)
    {
        if (await users.FindAsync(assigneeId, ct) is not { IsActive: true } person || !person.Role.IsStaff())
            return Error.Invalid("assigneeId", "Tasks are assigned to active staff.");
        if (scope.IsAdmin || assigneeId == scope.Caller.UserId)
            return null;
        var theirClinics = (await scopes.MembershipsAsync(assigneeId, ct)).Team;
        return theirClinics.Count == 0 || theirClinics.Any(scope.CanReachClinic) ? null : Error.NotFound("There is no such member of staff.");
    }
}
