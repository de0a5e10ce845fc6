using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>A move the platform makes on its own: history row (no actor) and LeadStatusChanged event, saved with the handler's work.</summary>
public sealed class LeadStatusMover(AppDbContext db)
{
    public void Move(Lead lead, LeadStatus target, string reason)
    {
        var from = lead.Status;
        if (lead.MoveTo(target, db.Clock.GetCurrentInstant(), bySystem: true) is not null)
            return;
        db.Set<LeadStatusChange>().Add(LeadStatusChange.Record(lead.Id, from, target, null, reason));
        db.Publish(new LeadStatusChanged(lead.Id, from, target, null, lead.AssignedToId, lead.ClinicId));
    }
}
