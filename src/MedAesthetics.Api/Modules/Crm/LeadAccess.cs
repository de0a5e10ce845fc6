using System.Linq.Expressions;
using MedAesthetics.Api.Platform.Auth;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>
/// Which leads a member of staff reaches, written once for SQL filters and loaded leads alike: the admin all; a salesperson
/// those of clinics granted to it, those assigned to it, and unassigned leads without a clinic; clinic staff those of their clinics.
/// </summary>
public static class LeadAccess
{
    public static Expression<Func<Lead, bool>> VisibleTo(AccessScope scope)
    {
        if (scope.IsAdmin)
            return l => true;
        if (scope.Caller.Role == UserRole.Salesperson)
        {
            var me = scope.Caller.UserId;
            var agentClinics = scope.AgentClinics.ToList();
            return l => l.AssignedToId == me
                        || (l.ClinicId != null && agentClinics.Contains(l.ClinicId.Value))
                        || (l.AssignedToId == null && l.ClinicId == null);
        }
        var teamClinics = scope.TeamClinics.ToList();
        return l => l.ClinicId != null && teamClinics.Contains(l.ClinicId.Value);
    }

    public static IQueryable<Lead> Reachable(this IQueryable<Lead> leads, AccessScope scope) => leads.Where(VisibleTo(scope));

    public static bool CanReach(this AccessScope scope, Lead lead) => VisibleTo(scope).Compile()(lead);
}
