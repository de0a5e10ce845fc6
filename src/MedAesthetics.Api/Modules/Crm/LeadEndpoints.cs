using System.Text.Json;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAesthetics.Api.Modules.Crm;

public static class LeadEndpoints
{
    public static void MapLeadEndpoints(this IEndpointRouteBuilder routes)
    {
        var crm = routes.MapGroup("/crm").WithTags("CRM");
        crm.MapIntake();
        crm.MapLeads();
        routes.MapTags();
    }

    private static void MapIntake(this RouteGroupBuilder crm)
    {
        crm.MapPost("/leads", async Task<Results<Created<LeadResponse>, Ok<LeadResponse>, ProblemHttpResult>> (
                CreateLeadRequest request, HttpContext http, LeadIntake intake, AccessScopeProvider scopes, CancellationToken ct) =>
            {
                var caller = Caller.FromPrincipal(http.User);
                if (caller is not null && request.ClinicId is { } clinicId && !http.Request.Headers.ContainsKey(LeadWebhooks.KeyHeader)
                    && !(await scopes.ForAsync(caller, ct)).CanReachClinic(clinicId))
                    return ApiProblems.Forbidden("You have no access to this clinic's leads.");
                var outcome = await intake.TakeInAsync(request, caller?.UserId, externalId: null, ct);
                return outcome.Succeeded ? TypedResults.Created($"/crm/leads/{outcome.Value!.Lead.Id}", LeadResponse.From(outcome.Value.Lead)) : outcome.Error!.ToProblem();
            })
            .AllowAnonymous()
            .AddEndpointFilter<WebhookKeyOrStaff>()
            .AddEndpointFilter<ValidationFilter>()
            .WithName("createLead")
            .WithSummary("Take in a lead, from staff (bearer token) or an ad webhook (X-Webhook-Key)");

        crm.MapPost("/webhooks/facebook", async Task<Results<Ok<FacebookIntakeResponse>, ProblemHttpResult>> (
                JsonElement payload, Guid? clinicId, Guid? campaignId, FacebookLeadIntake facebook, CancellationToken ct) =>
                (await facebook.TakeInAsync(payload, clinicId, campaignId, ct)).ToResult(TypedResults.Ok))
            .AllowAnonymous()
            .AddEndpointFilter(new WebhookKeyOnly())
            .WithName("receiveFacebookLeads")
            .WithSummary("Facebook Lead Ads webhook (field_data name/value pairs); ?clinicId=&campaignId= attribute the form's leads");
    }

    private static void MapLeads(this RouteGroupBuilder crm)
    {
        var leads = crm.MapGroup("/leads").RequireAuthorization(Policies.Staff).WithValidation();

        leads.MapGet("", async Task<Ok<PageOf<LeadResponse>>> (
                [AsParameters] LeadListQuery query, Caller caller, AccessScopeProvider scopes, LeadQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.SearchAsync(query, await scopes.ForAsync(caller, ct), ct)))
            .WithName("listLeads").WithSummary("Search and filter leads (only those you may reach)")
            .WithDescription("`total` is exact up to 1,000 matches; when more leads match it is 1001, meaning \"more than 1,000\" (a list never counts a million rows to show its first page).");

        leads.MapGet("/{id:guid}", async Task<Results<Ok<LeadDetailResponse>, ProblemHttpResult>> (
                Guid id, Caller caller, AccessScopeProvider scopes, LeadQueries queries, CancellationToken ct) =>
                (await queries.DetailAsync(id, await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .WithName("getLead").WithSummary("One lead with its status history and tasks");

        leads.MapPatch("/{id:guid}", async Task<Results<Ok<LeadResponse>, ProblemHttpResult>> (
                Guid id, UpdateLeadRequest request, Caller caller, AccessScopeProvider scopes, LeadPipelineService pipeline, CancellationToken ct) =>
                (await pipeline.UpdateAsync(id, request, await scopes.ForAsync(caller, ct), ct)).ToResult(lead => TypedResults.Ok(LeadResponse.From(lead))))
            .WithName("updateLead").WithSummary("Move a lead along the pipeline, reassign it, change its notes, tags or clinic");
    }

    private static void MapTags(this IEndpointRouteBuilder routes)
    {
        var tags = routes.MapGroup("/admin/tags").WithTags("Admin").RequireAuthorization(Policies.Admin).WithValidation();

        tags.MapPost("", async Task<Results<Created<TagResponse>, ProblemHttpResult>> (CreateTagRequest request, TagService service, CancellationToken ct) =>
                (await service.CreateAsync(request, ct)).ToResult(tag => TypedResults.Created($"/admin/tags/{tag.Id}", tag)))
            .WithName("createTag").WithSummary("Create a tag");

        tags.MapGet("", async Task<Ok<List<TagResponse>>> (LeadQueries queries, CancellationToken ct) => TypedResults.Ok(await queries.TagsAsync(ct)))
            .WithName("listTags").WithSummary("All tags");
    }
}
