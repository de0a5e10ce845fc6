using System.Text.Json;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAesthetics.Api.Modules.Admin;

public static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder routes)
    {
        var settings = routes.MapGroup("/admin/settings").WithTags("Admin").WithValidation().RequireAuthorization(Policies.Admin);

        settings.MapGet("", async Task<Ok<PlatformSettings>> (SettingsService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetAsync(ct)))
            .WithName("getSettings")
            .WithSummary("The platform settings (admin)")
            .ProducesProblem(401).ProducesProblem(403);

        settings.MapPatch("", async Task<Results<Ok<PlatformSettings>, ProblemHttpResult>> (JsonElement request, SettingsService service, CancellationToken ct) =>
                (await service.UpdateAsync(request, ct)).ToResult(TypedResults.Ok))
            .Accepts<PlatformSettings>("application/json")
            .WithName("updateSettings")
            .WithSummary("Change some settings (admin): only the fields sent change; values out of range answer 400 naming them")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(409);

        routes.MapGroup("/admin/reports").WithTags("Admin").WithValidation()
            .MapGet("", async Task<Results<Ok<ReportResponse>, ContentHttpResult, ProblemHttpResult>> (
                [AsParameters] ReportQuery query, HttpRequest http, Caller caller, AccessScopeProvider scopes, ReportService reports, CancellationToken ct) =>
            {
                var outcome = await reports.BuildAsync(query, await scopes.ForAsync(caller, ct), ct);
                if (!outcome.Succeeded)
                    return outcome.Error!.ToProblem();
                var csv = query.WantsCsv || (query.Format is null && http.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase));
                return csv ? TypedResults.Text(ReportCsv.Write(outcome.Value!), "text/csv; charset=utf-8") : TypedResults.Ok(outcome.Value!);
            })
            .RequireAuthorization(Policies.AdminOrClinicOwner)
            .WithName("getReport")
            .WithSummary("Leads, appointments, loyalty, campaigns and salespeople over ?from&to (dates in the platform timezone, default the last 30 days); admin, or a clinic owner for its clinic; ?format=csv or Accept: text/csv for CSV")
            .Produces<string>(200, "text/csv")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
    }
}
