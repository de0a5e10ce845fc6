using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Tasks;

/// <summary>
/// Creates the tasks the rules of docs/rules.md ask for. Each insert is ON CONFLICT DO NOTHING against the rule-key and
/// open-task-per-rule unique indexes, so a rule that runs twice (a sweep, a second node, a redelivered event) adds nothing.
/// </summary>
public sealed class TaskAutomation(AppDbContext db, IClinicDirectory clinics, IAuditTrail audit, IClock clock)
{
    /// <returns>true when the task was created, false when the rule had already made it.</returns>
    public async Task<bool> CreateOnceAsync(NewTask task, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var id = Guid.CreateVersion7();
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO tasks (id, title, type, status, priority, due_at, assignee_id, lead_id, appointment_id, client_id, clinic_id,
                               notes, created_by, rule, rule_key, created_at, updated_at)
            VALUES ({id}, {task.Title}, {EnumColumns.ToText(task.Type)}, 'open', {EnumColumns.ToText(task.Priority)}, {task.DueAt},
                    {task.AssigneeId}, {task.LeadId}, {task.AppointmentId}, {task.ClientId}, {task.ClinicId},
                    {task.Notes}, {task.CreatedBy}, {task.Rule}, {task.RuleKey}, {now}, {now})
            ON CONFLICT DO NOTHING
            """, ct);
        if (inserted == 0)
            return false;
        // The raw insert bypasses the automatic trail, so the rule's task is audited explicitly.
        await audit.WriteAsync(new AuditRecord("create", "staff_task", id, task.ClinicId, task.ClientId, new Dictionary<string, AuditChange>
        {
            ["title"] = new(null, task.Title), ["type"] = new(null, task.Type), ["priority"] = new(null, task.Priority), ["dueAt"] = new(null, task.DueAt),
            ["assigneeId"] = new(null, task.AssigneeId), ["leadId"] = new(null, task.LeadId), ["appointmentId"] = new(null, task.AppointmentId),
            ["rule"] = new(null, task.Rule),
        }), ct);
        if (task.AssigneeId is { } assignee)
            db.Publish(new TaskAssigned(id, assignee, task.Title, task.DueAt, task.LeadId, task.AppointmentId));
        return true;
    }

    /// <summary>The clinic's secretary with the fewest open tasks, or its owner when it has no secretariat.</summary>
    public async Task<Guid?> FrontDeskOfAsync(Guid clinicId, CancellationToken ct)
    {
        var secretaries = await clinics.StaffAsync(clinicId, UserRole.Secretariat, ct);
        if (secretaries.Count == 0)
            return (await clinics.StaffAsync(clinicId, UserRole.ClinicOwner, ct)).FirstOrDefault() is var owner && owner != Guid.Empty ? owner : null;
        var load = await db.Set<StaffTask>()
            .Where(t => t.AssigneeId != null && secretaries.Contains(t.AssigneeId.Value) && (t.Status == TaskState.Open || t.Status == TaskState.InProgress))
            .GroupBy(t => t.AssigneeId!.Value).Select(g => new { Id = g.Key, Open = g.Count() })
            .ToDictionaryAsync(x => x.Id, x => x.Open, ct);
        return secretaries.OrderBy(s => load.GetValueOrDefault(s)).ThenBy(s => s).First();
    }

    /// <summary>The next day at the follow-up hour, in the clinic's local time.</summary>
    public static Instant NextDayAt(Instant after, DateTimeZone zone, int hour) =>
        after.InZone(zone).Date.PlusDays(1).At(new LocalTime(hour, 0)).InZoneLeniently(zone).ToInstant();

    public static Instant DayAt(Instant day, DateTimeZone zone, int hour) =>
        day.InZone(zone).Date.At(new LocalTime(hour, 0)).InZoneLeniently(zone).ToInstant();
}
