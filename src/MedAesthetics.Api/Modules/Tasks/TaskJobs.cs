using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.Api.Platform.Outbox;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Tasks;

/// <summary>Every 15 minutes: a high-priority follow-up for leads still new after 24 hours, and a follow-up for leads contacted 3 days ago with no change since.</summary>
public sealed class LeadFollowUpJob(AppDbContext db, ILeadDirectory leads, TaskAutomation automation, IPlatformSettings platformSettings, IClock clock) : IRecurringJob
{
    public static string Id => "lead-follow-ups";
    public static string Schedule => "*/15 * * * *";

    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = await platformSettings.GetAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        var created = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var lead in await leads.StaleAsync(LeadStatus.New, now - Duration.FromHours(settings.StaleNewLeadHours), 1000, cancellationToken))
            if (await automation.CreateOnceAsync(new NewTask($"Follow up: {lead.FirstName} is still new", TaskType.FollowUp, TaskPriority.High, now,
                    lead.AssignedToId, LeadId: lead.Id, ClinicId: lead.ClinicId, RuleKey: $"lead-stale-new:{lead.Id}"), cancellationToken))
                created++;
        foreach (var lead in await leads.StaleAsync(LeadStatus.Contacted, now - Duration.FromDays(settings.StaleContactedLeadDays), 1000, cancellationToken))
            if (await automation.CreateOnceAsync(new NewTask($"Follow up: no news from {lead.FirstName} since the first contact", TaskType.FollowUp, TaskPriority.Normal, now,
                    lead.AssignedToId, LeadId: lead.Id, ClinicId: lead.ClinicId,
                    RuleKey: $"lead-stale-contacted:{lead.Id}:{lead.StatusChangedAt.ToUnixTimeTicks()}"), cancellationToken))
                created++;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return created;
    }
}

/// <summary>Every 15 minutes: repeat-treatment checks that fell due become a "time to rebook" task and a reminder to the client, unless the client booked the service again.</summary>
public sealed class RepeatTreatmentJob(AppDbContext db, IBookingDirectory bookings, TaskAutomation automation, IClock clock) : IRecurringJob
{
    public static string Id => "repeat-treatments";
    public static string Schedule => "*/15 * * * *";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        var due = await db.Set<RepeatTreatmentCheck>()
            .FromSqlInterpolated($"SELECT * FROM repeat_treatment_checks WHERE checked_at IS NULL AND due_at <= {now} ORDER BY due_at LIMIT 500 FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        var created = 0;
        foreach (var check in due)
        {
            check.MarkChecked(now);
            if (await bookings.HasBookingAfterAsync(check.ClientId, check.ServiceId, check.CompletedAt, cancellationToken))
                continue;
            if (await automation.CreateOnceAsync(new NewTask("Time to rebook the treatment", TaskType.FollowUp, TaskPriority.Normal, check.DueAt,
                    await automation.FrontDeskOfAsync(check.ClinicId, cancellationToken), AppointmentId: check.AppointmentId, ClientId: check.ClientId,
                    ClinicId: check.ClinicId, RuleKey: $"rebook:{check.AppointmentId}"), cancellationToken))
            {
                db.Publish(new RepeatTreatmentDue(check.ClientId, check.ServiceId, check.ClinicId, check.AppointmentId, check.DueAt));
                created++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return created;
    }
}
