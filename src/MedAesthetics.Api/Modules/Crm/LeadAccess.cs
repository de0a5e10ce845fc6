using System.Linq.Expressions;
using MedAesthetics.Api.Platform.Auth;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>
/// Which leads a member of staff reaches (docs/rules.md): the admin all; a salesperson those of clinics granted to it,
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
            ? leads.Where(ReachedBySalesperson(me, agentClinics))
            : leads.Where(l => l.ClinicId != null && teamClinics.Contains(l.ClinicId.Value));
    }

    public static bool CanReach(this AccessScope scope, Lead lead) =>
        scope.IsAdmin
        || (scope.Caller.Role == UserRole.Salesperson
            ? ReachedBySalesperson(scope.Caller.UserId, scope.AgentClinics.ToList()).Compile()(lead)
            : lead.ClinicId is { } clinic && scope.TeamClinics.Contains(clinic));

    /// <summary>The salesperson's rule, once, for SQL and for a loaded lead alike.</summary>
    public static Expression<Func<Lead, bool>> ReachedBySalesperson(Guid salespersonId, IReadOnlyCollection<Guid> agentClinics) =>
        l => l.AssignedToId == salespersonId
             || (l.ClinicId != null && agentClinics.Contains(l.ClinicId.Value))
             || (l.AssignedToId == null && l.ClinicId == null);
}
