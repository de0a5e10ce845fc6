using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>Staff changes to a lead: a pipeline move (409 when not allowed), reassignment, clinic, notes and tags, with history and events in one transaction.</summary>
public sealed class LeadPipelineService(AppDbContext db, LeadIntake intake, IClinicDirectory clinics, IUserDirectory users, IClock clock)
{
    public async Task<Outcome<Lead>> UpdateAsync(Guid id, UpdateLeadRequest request, AccessScope scope, CancellationToken ct)
    {
        // The transaction opens first, so the row lock holds until commit: a concurrent move of the same lead waits and then sees this one.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var lead = await db.Set<Lead>().FromSqlInterpolated($"SELECT * FROM leads WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(ct);
        if (lead is null || lead.DeletedAt is not null || !scope.CanReach(lead))
            return LeadQueries.NoLead();

        var now = clock.GetCurrentInstant();
        var actor = scope.Caller.UserId;

        if (request.ClinicId is { } clinicId && clinicId != lead.ClinicId)
        {
            if (await clinics.FindClinicAsync(clinicId, ct) is null)
                return Error.Invalid("clinicId", "There is no such clinic.");
            if (!scope.IsAdmin && !scope.CanReachClinic(clinicId))
                return Error.Forbidden("You have no access to that clinic's leads.");
            lead.ChangeClinic(clinicId);
        }

        if (request.AssignedToId is { } assignee && assignee != lead.AssignedToId)
        {
            if (!scope.IsAdmin && scope.Caller.Role != UserRole.Salesperson)
                return Error.Forbidden("Only the admin and salespeople assign leads.");
            if (!await users.IsActiveSalespersonAsync(assignee, ct))
                return Error.Invalid("assignedToId", "Leads are assigned to active salespeople.");
            var previous = lead.AssignedToId;
            lead.AssignTo(assignee, now);
            db.Publish(new LeadAssigned(lead.Id, assignee, previous, lead.ClinicId, actor));
        }

        if (request.Status is { } target && target != lead.Status)
        {
            var from = lead.Status;
            if (lead.MoveTo(target, now) is { } why)
                return Error.Conflict(why);
            db.Set<LeadStatusChange>().Add(LeadStatusChange.Record(lead.Id, from, target, actor, null));
            db.Publish(new LeadStatusChanged(lead.Id, from, target, actor, lead.AssignedToId, lead.ClinicId));
        }

        if (request.Notes is not null)
            lead.ChangeNotes(request.Notes);
        if (request.Tags is not null)
        {
            lead.ReplaceTags(request.Tags);
            await intake.RememberTagsAsync(lead.Tags, ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return lead;
    }
}
