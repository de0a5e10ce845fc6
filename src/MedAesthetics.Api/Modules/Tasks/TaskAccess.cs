using System.Linq.Expressions;
using MedAesthetics.Api.Platform.Auth;

namespace MedAesthetics.Api.Modules.Tasks;

/// <summary>
/// Which tasks a member of staff sees, written once for SQL filters and loaded tasks alike: the admin all; others their own
/// (assigned or made) and their clinics' (team clinics, or a salesperson's granted ones); a salesperson also those of the leads
/// it reaches, which the CRM module decides (<see cref="Contracts.ILeadDirectory.ReachableAsync"/>).
/// </summary>
public static class TaskAccess
{
    public static Expression<Func<StaffTask, bool>> VisibleTo(AccessScope scope, IReadOnlySet<Guid> reachableLeads)
    {
        if (scope.IsAdmin)
            return t => true;
        var me = scope.Caller.UserId;
        var clinics = ClinicsOf(scope);
        var leads = NeedsLeads(scope) ? reachableLeads.ToList() : [];
        return t => t.AssigneeId == me || t.CreatedBy == me
                    || (t.ClinicId != null && clinics.Contains(t.ClinicId.Value))
                    || (t.LeadId != null && leads.Contains(t.LeadId.Value));
    }

    /// <summary>Tasks the scope sees without asking about leads: only their leads can still make them visible.</summary>
    public static Expression<Func<StaffTask, bool>> NotVisibleWithoutLeads(AccessScope scope)
    {
        var visible = VisibleTo(scope, new HashSet<Guid>());
        return Expression.Lambda<Func<StaffTask, bool>>(Expression.Not(visible.Body), visible.Parameters);
    }

    /// <summary>Whether lead reach matters for this scope (salespeople only: clinic staff see tasks through their clinics).</summary>
    public static bool NeedsLeads(AccessScope scope) => !scope.IsAdmin && scope.Caller.Role == UserRole.Salesperson;

    public static bool CanSee(this AccessScope scope, StaffTask task, IReadOnlySet<Guid> reachableLeads) => VisibleTo(scope, reachableLeads).Compile()(task);

    private static List<Guid> ClinicsOf(AccessScope scope) =>
        (scope.Caller.Role == UserRole.Salesperson ? scope.AgentClinics : scope.TeamClinics).ToList();
}
