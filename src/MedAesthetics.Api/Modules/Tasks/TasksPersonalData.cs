using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Tasks;

/// <summary>
/// The Tasks module's share of GDPR. Export: the tasks staff keep about the person as a client. Erasure keeps every
/// task (the staff's work history) but takes the person's name, email and phone out of titles and notes, wherever
/// they appear: a rule's follow-up about their lead ("Follow up: Maria is still new") as much as a hand-written note.
/// The scrub is raw SQL, so it is audited by the erasure's own audit entry, not row by row.
/// </summary>
public sealed class TasksPersonalData(AppDbContext db, IClock clock) : IPersonalDataSource
{
    public string Section => "tasks";

    public async Task<object> ExportAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        var tasks = await db.Set<StaffTask>().AsNoTracking().Where(t => t.ClientId == subject.UserId)
            .OrderBy(t => t.CreatedAt).ToListAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        return tasks.Select(t => TaskResponse.From(t, now)).ToList();
    }

    public async Task EraseAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        if (PersonalDataPattern.For([subject.Email, subject.Phone, subject.FirstName, subject.LastName]) is not { } pattern)
            return;
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE tasks SET title = regexp_replace(title, {pattern}, '[erased]', 'gi'),
                             notes = regexp_replace(notes, {pattern}, '[erased]', 'gi')
            WHERE title ~* {pattern} OR notes ~* {pattern}
            """, cancellationToken);
    }
}
