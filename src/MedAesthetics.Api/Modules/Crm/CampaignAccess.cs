using System.Linq.Expressions;
using MedAesthetics.Api.Platform.Auth;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>
/// Which campaigns a caller sees, written once for SQL filters and loaded campaigns alike: the admin all; a salesperson those it
/// owns, those of clinics granted to it, and those with neither clinic nor owner (as with unassigned leads without a clinic),
/// so another salesperson's campaign stays out of sight.
/// </summary>
public static class CampaignAccess
{
    public static Expression<Func<Campaign, bool>> VisibleTo(AccessScope scope)
    {
        if (scope.IsAdmin)
            return c => true;
        var me = scope.Caller.UserId;
        var agentClinics = scope.AgentClinics.ToList();
        return c => c.OwnerAgentId == me
                    || (c.ClinicId != null && agentClinics.Contains(c.ClinicId.Value))
                    || (c.ClinicId == null && c.OwnerAgentId == null);
    }

    public static IQueryable<Campaign> Visible(this IQueryable<Campaign> campaigns, AccessScope scope) => campaigns.Where(VisibleTo(scope));
}
