using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Tasks;

public sealed class TaskDirectory(AppDbContext db) : ITaskDirectory
{
    public async Task<IReadOnlyList<TaskSummary>> ForLeadAsync(Guid leadId, CancellationToken cancellationToken) =>
        (await db.Set<StaffTask>().AsNoTracking().Where(t => t.LeadId == leadId).OrderBy(t => t.DueAt).ThenBy(t => t.Id).ToListAsync(cancellationToken))
        .Select(t => new TaskSummary(t.Id, t.Title, EnumColumns.ToText(t.Type), EnumColumns.ToText(t.Status), EnumColumns.ToText(t.Priority), t.DueAt, t.AssigneeId, t.CompletedAt))
        .ToList();
}
