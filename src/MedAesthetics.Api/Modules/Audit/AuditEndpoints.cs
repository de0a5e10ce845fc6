using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAesthetics.Api.Modules.Audit;

public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/admin/audit-logs").WithTags("Admin").WithValidation()
            .MapGet("", async Task<Ok<PageOf<AuditEntryResponse>>> ([AsParameters] AuditLogQuery query, Caller caller, AccessScopeProvider scopes, AuditQueries audit, CancellationToken ct) =>
                TypedResults.Ok(await audit.ListAsync(query, await scopes.ForAsync(caller, ct), ct)))
            .RequireAuthorization(Policies.AdminOrClinicOwner)
            .WithName("listAuditLogs")
            .WithSummary("Who changed what and when, newest first (admin: everything; clinic owner: its clinics' records)")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
    }
}
