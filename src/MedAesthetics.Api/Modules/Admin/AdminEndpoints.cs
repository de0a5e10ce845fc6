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
    }
}
