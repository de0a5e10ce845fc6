using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Tasks;

/// <summary>The reads of tasks, filtered by <see cref="TaskAccess"/>.</summary>
public sealed class TaskQueries(AppDbContext db, ILeadDirectory leads, IClock clock)
{
    public async Task<PageOf<TaskResponse>> ListAsync(TaskListQuery query, AccessScope scope, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var list = db.Set<StaffTask>().AsNoTracking().Where(TaskAccess.VisibleTo(scope, await ReachableLeadsAsync(scope, ct)));
        if (query.AssigneeId is { } assignee) list = list.Where(t => t.AssigneeId == assignee);
        if (query.StatusFilter is { } status) list = list.Where(t => t.Status == status);
        if (query.TypeFilter is { } type) list = list.Where(t => t.Type == type);
        if (query.LeadId is { } lead) list = list.Where(t => t.LeadId == lead);
        if (query.DueBeforeInstant is { } before) list = list.Where(t => t.DueAt < before);
        if (query.Overdue is true) list = list.Where(t => (t.Status == TaskState.Open || t.Status == TaskState.InProgress) && t.DueAt < now);
        if (query.Overdue is false) list = list.Where(t => !((t.Status == TaskState.Open || t.Status == TaskState.InProgress) && t.DueAt < now));
        var page = await list.OrderBy(t => t.DueAt).ThenBy(t => t.Id).ToPageAsync(query.Paging, ct);
        return page.Map(t => TaskResponse.From(t, now));
    }

    /// <summary>Asks the CRM which leads of tasks the scope does not already see it may reach; nothing to ask for the admin and clinic staff.</summary>
    private async Task<IReadOnlySet<Guid>> ReachableLeadsAsync(AccessScope scope, CancellationToken ct)
    {
        if (!TaskAccess.NeedsLeads(scope))
            return new HashSet<Guid>();
        var candidates = await db.Set<StaffTask>().AsNoTracking()
            .Where(t => t.LeadId != null).Where(TaskAccess.NotVisibleWithoutLeads(scope))
            .Select(t => t.LeadId!.Value).Distinct().ToListAsync(ct);
        return await leads.ReachableAsync(scope, candidates, ct);
    }
}
