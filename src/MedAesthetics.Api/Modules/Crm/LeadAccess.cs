using MedAesthetics.Api.Platform.Auth;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>
/// Which leads a member of staff reaches (DOMAIN.md): the admin all; a salesperson those of clinics granted to it,
/// those assigned to it, and unassigned leads without a clinic; clinic staff those of their clinics.
/// </summary>
public static class LeadAccess
{
    public static IQueryable<Lead> Reachable(this IQueryable<Lead> leads, AccessScope scope)
    {
        if (scope.IsAdmin)
            return leads;
        var me = scope.Caller.UserId;
        var agentClinics = scope.AgentClinics.ToList();
        var teamClinics = scope.TeamClinics.ToList();
        return scope.Caller.Role == UserRole.Salesperson
            ? leads.Where(l => l.AssignedToId == me
                               || (l.ClinicId != null && agentClinics.Contains(l.ClinicId.Value))
                               || (l.AssignedToId == null && l.ClinicId == null))
            : leads.Where(l => l.ClinicId != null && teamClinics.Contains(l.ClinicId.Value));
    }

    public static bool CanReach(this AccessScope scope, Lead lead) =>
        scope.IsAdmin
        || (scope.Caller.Role == UserRole.Salesperson
            ? lead.AssignedToId == scope.Caller.UserId
              || (lead.ClinicId is { } c && scope.AgentClinics.Contains(c))
              || (lead.AssignedToId is null && lead.ClinicId is null)
            : lead.ClinicId is { } clinic && scope.TeamClinics.Contains(clinic));
}
