using System.Linq.Expressions;
using MedAesthetics.Api.Platform.Auth;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>
/// Which leads a member of staff reaches, written once for SQL filters and loaded leads alike: the admin all; a salesperson
/// those of clinics granted to it, those assigned to it, and unassigned leads without a clinic; clinic staff those of their clinics.
/// </summary>
public static class LeadAccess
{
    /// <summary>
    /// Which leads the scope reaches, as a filter and as a value (<see cref="LeadReach.Key"/>): two scopes with equal keys
    /// reach the same leads, so an answer about "the leads this caller reaches" may be remembered under the key.
    /// </summary>
    public static LeadReach ReachOf(AccessScope scope)
    {
        if (scope.IsAdmin)
            return new(l => true, "admin");
        if (scope.Caller.Role == UserRole.Salesperson)
        {
            var me = scope.Caller.UserId;
            var agentClinics = scope.AgentClinics.Order().ToList();
            return new(l => l.AssignedToId == me
                            || (l.ClinicId != null && agentClinics.Contains(l.ClinicId.Value))
                            || (l.AssignedToId == null && l.ClinicId == null),
                $"salesperson {me}: {string.Join(',', agentClinics)}");
        }
        var teamClinics = scope.TeamClinics.Order().ToList();
        return new(l => l.ClinicId != null && teamClinics.Contains(l.ClinicId.Value), $"team: {string.Join(',', teamClinics)}");
    }

    public static Expression<Func<Lead, bool>> VisibleTo(AccessScope scope) => ReachOf(scope).Filter;

    public static IQueryable<Lead> Reachable(this IQueryable<Lead> leads, AccessScope scope) => leads.Where(VisibleTo(scope));

    /// <summary>
    /// The same rule for a loaded lead, run by the expression interpreter: compiling it would emit and JIT a new method
    /// for every call (the scope's values are in the tree), which costs far more than evaluating it once.
    /// </summary>
    public static bool CanReach(this AccessScope scope, Lead lead) => VisibleTo(scope).Compile(preferInterpretation: true)(lead);
}

/// <summary>A scope's reach over leads: the SQL filter, and a key equal for scopes that reach the same leads.</summary>
public sealed record LeadReach(Expression<Func<Lead, bool>> Filter, string Key);
