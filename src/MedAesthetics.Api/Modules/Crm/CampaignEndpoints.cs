using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAesthetics.Api.Modules.Crm;

public static class CampaignEndpoints
{
    public static void MapCampaignEndpoints(this IEndpointRouteBuilder routes)
    {
        var campaigns = routes.MapGroup("/crm/campaigns").WithTags("CRM")
            .RequireAuthorization(p => p.RequireRole(UserRole.Admin.Name(), UserRole.Salesperson.Name()))
            .WithValidation();

        campaigns.MapPost("", async Task<Results<Created<CampaignResponse>, ProblemHttpResult>> (
                CreateCampaignRequest request, Caller caller, AccessScopeProvider scopes, CampaignService service, CancellationToken ct) =>
                (await service.CreateAsync(request, await scopes.ForAsync(caller, ct), ct)).ToResult(c => TypedResults.Created($"/crm/campaigns/{c.Id}", c)))
            .WithName("createCampaign")
            .WithSummary("Create an ad campaign (admin for anyone; a salesperson for itself, for a clinic it has access to or none)");

        campaigns.MapGet("", async Task<Ok<PageOf<CampaignResponse>>> (
                [AsParameters] CampaignListQuery query, Caller caller, AccessScopeProvider scopes, CampaignQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.ListAsync(query, await scopes.ForAsync(caller, ct), ct)))
            .WithName("listCampaigns")
            .WithSummary("List campaigns (admin all; a salesperson its own, its clinics' and those with neither clinic nor owner)");

        campaigns.MapGet("/{id:guid}", async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> (
                Guid id, Caller caller, AccessScopeProvider scopes, CampaignQueries queries, CancellationToken ct) =>
                (await queries.FindAsync(id, await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .WithName("getCampaign").WithSummary("One campaign");

        campaigns.MapPatch("/{id:guid}", async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> (
                Guid id, UpdateCampaignRequest request, Caller caller, AccessScopeProvider scopes, CampaignService service, CancellationToken ct) =>
                (await service.UpdateAsync(id, request, await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("updateCampaign")
            .WithSummary("Rename a campaign or name its Facebook lead forms and ads (admin; a salesperson for a campaign it owns)");

        campaigns.MapPost("/{id:guid}/spend", async Task<Results<Created<SpendLogResponse>, ProblemHttpResult>> (
                Guid id, LogSpendRequest request, Caller caller, AccessScopeProvider scopes, CampaignService service, CancellationToken ct) =>
                (await service.LogSpendAsync(id, request, await scopes.ForAsync(caller, ct), ct))
                    .ToResult(log => TypedResults.Created($"/crm/campaigns/{id}/spend/{log.Id}", log)))
            .WithName("logCampaignSpend").WithSummary("Log money spent on a campaign on one day (several logs of one day add up)");

        campaigns.MapGet("/{id:guid}/spend", async Task<Results<Ok<PageOf<SpendLogResponse>>, ProblemHttpResult>> (
                Guid id, [AsParameters] PageQuery paging, Caller caller, AccessScopeProvider scopes, CampaignQueries queries, CancellationToken ct) =>
                (await queries.SpendAsync(id, paging, await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .WithName("listCampaignSpend").WithSummary("A campaign's spend logs, latest day first");

        campaigns.MapGet("/{id:guid}/metrics", async Task<Results<Ok<CampaignMetricsResponse>, ProblemHttpResult>> (
                Guid id, [AsParameters] CampaignMetricsQuery query, Caller caller, AccessScopeProvider scopes, CampaignQueries queries, CancellationToken ct) =>
                (await queries.MetricsAsync(id, query, await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .WithName("getCampaignMetrics")
            .WithSummary("A campaign's spend, leads, conversions, cost per lead, revenue and ROAS over ?from&to (dates, inclusive; default the last 30 days)");
    }
}
