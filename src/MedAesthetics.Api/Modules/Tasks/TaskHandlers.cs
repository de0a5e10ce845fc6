using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Outbox;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Tasks;

/// <summary>LeadCreated: a call for the assignee within firstContactMinutes (15).</summary>
public sealed class FirstContactCallOnLeadCreated(TaskAutomation automation, IPlatformSettings platformSettings) : IntegrationEventHandler<LeadCreated>
{
    protected override async Task HandleAsync(LeadCreated lead, EventContext context, CancellationToken ct)
    {
        var settings = await platformSettings.GetAsync(ct);
        await automation.CreateOnceAsync(new NewTask("Call the new lead", TaskType.Call, TaskPriority.Normal,
            context.OccurredAt + Duration.FromMinutes(settings.FirstContactMinutes), lead.AssignedToId,
            LeadId: lead.LeadId, ClinicId: lead.ClinicId, RuleKey: $"lead-first-contact:{lead.LeadId}"), ct);
    }
}

/// <summary>AppointmentNoShow: a call for the clinic's secretariat.</summary>
public sealed class CallOnNoShow(TaskAutomation automation) : IntegrationEventHandler<AppointmentNoShow>
{
    protected override async Task HandleAsync(AppointmentNoShow noShow, EventContext context, CancellationToken ct)
    {
        var a = noShow.Appointment;
        await automation.CreateOnceAsync(new NewTask("Call the client who did not come", TaskType.Call, TaskPriority.Normal, context.OccurredAt,
            await automation.FrontDeskOfAsync(a.ClinicId, ct), AppointmentId: a.AppointmentId, ClientId: a.ClientId, ClinicId: a.ClinicId,
            RuleKey: $"no-show-call:{a.AppointmentId}"), ct);
    }
}

/// <summary>AppointmentCompleted: a satisfaction call the next day at 10:00 clinic time, and the repeat-treatment check when the service has repeatAfterDays.</summary>
public sealed class FollowUpOnAppointmentCompleted(AppDbContext db, TaskAutomation automation, IClinicDirectory clinics, IPlatformSettings platformSettings)
    : IntegrationEventHandler<AppointmentCompleted>
{
    protected override async Task HandleAsync(AppointmentCompleted completed, EventContext context, CancellationToken ct)
    {
        var a = completed.Appointment;
        var settings = await platformSettings.GetAsync(ct);
        var clinic = await clinics.FindClinicAsync(a.ClinicId, ct);
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(clinic?.Timezone ?? settings.DefaultTimezone) ?? DateTimeZone.Utc;
        await automation.CreateOnceAsync(new NewTask("Satisfaction call after the treatment", TaskType.FollowUp, TaskPriority.Normal,
            TaskAutomation.NextDayAt(completed.CompletedAt, zone, settings.FollowUpCallHour), await automation.FrontDeskOfAsync(a.ClinicId, ct),
            AppointmentId: a.AppointmentId, ClientId: a.ClientId, ClinicId: a.ClinicId, RuleKey: $"satisfaction-call:{a.AppointmentId}"), ct);

        var service = await clinics.FindServiceAsync(a.ServiceId, ct);
        if (service?.RepeatAfterDays is { } days && !await db.Set<RepeatTreatmentCheck>().AnyAsync(c => c.AppointmentId == a.AppointmentId, ct))
        {
            var due = TaskAutomation.DayAt(a.Start + Duration.FromDays(days), zone, settings.FollowUpCallHour);
            db.Set<RepeatTreatmentCheck>().Add(RepeatTreatmentCheck.Schedule(a.AppointmentId, a.ClientId, a.ServiceId, a.ClinicId, completed.CompletedAt, due));
        }
    }
}
