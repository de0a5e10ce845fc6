using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Clinics;

/// <summary>Grants and revokes a salesperson's access to a clinic (admin only, checked by the route's policy).</summary>
public sealed class AgentAccessService(AppDbContext db, IUserDirectory users, ClinicPermissions permissions, ClinicMembershipCache memberships)
{
    public async Task<Outcome<AgentAccessResponse>> GrantAsync(AgentAccessRequest request, CancellationToken ct)
    {
        var agent = await users.FindAsync(request.AgentUserId, ct);
        if (agent is null)
            return Error.NotFound("There is no such user.");
        if (agent.Role != UserRole.Salesperson)
            return Error.BadRequest("Clinic access is granted to salespeople only.");
        if (!await permissions.ExistsAsync(request.ClinicId, ct))
            return ClinicPermissions.NoClinic();
        var grant = AgentClinicAccess.Grant(request.AgentUserId, request.ClinicId);
        db.Set<AgentClinicAccess>().Add(grant);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Error.Conflict("The salesperson already has access to this clinic.");
        }
        return new AgentAccessResponse(grant.AgentUserId, grant.ClinicId, grant.CreatedAt);
    }

    /// <returns>null when revoked, else why not.</returns>
    public async Task<Error?> RevokeAsync(Guid agentUserId, Guid clinicId, CancellationToken ct)
    {
        if (await db.Set<AgentClinicAccess>().Where(a => a.AgentUserId == agentUserId && a.ClinicId == clinicId).ExecuteDeleteAsync(ct) == 0)
            return Error.NotFound("That salesperson has no access to that clinic.");
        memberships.LocalChangeSaved();   // a bulk delete passes no interceptor: this node's next requests re-check at once
        return null;
    }
}
