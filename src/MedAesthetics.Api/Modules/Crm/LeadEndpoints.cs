using System.Text.Json;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

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
            .AllowAnonymous().RequireRateLimiting(RateLimits.Webhooks)
            .AddEndpointFilter<WebhookKeyOrStaff>()
            .AddEndpointFilter<ValidationFilter>()
            .WithName("createLead")
            .WithSummary("Take in a lead, from staff (bearer token) or an ad webhook (X-Webhook-Key)");

        crm.MapPost("/webhooks/facebook", async Task<Results<Ok<FacebookIntakeResponse>, ProblemHttpResult>> (
                FacebookDelivery delivery, Guid? clinicId, Guid? campaignId, FacebookLeadIntake facebook, CancellationToken ct) =>
                (await facebook.TakeInAsync(delivery.Payload, clinicId, campaignId, ct)).ToResult(TypedResults.Ok))
            .AllowAnonymous().RequireRateLimiting(RateLimits.Webhooks)
            .Accepts<JsonElement>("application/json")
            .AddEndpointFilter(new FacebookWebhookAuth())
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("receiveFacebookLeads")
            .WithSummary("Facebook Lead Ads webhook, signed with X-Hub-Signature-256 (or sent with X-Webhook-Key): leads with field_data " +
                         "are taken in at once, ids-only leadgens are recorded and fetched from the Graph API; ?clinicId=&campaignId= attribute them");

        // Facebook names these parameters (hub.mode, hub.verify_token, hub.challenge): the one exception to camelCase query parameters.
        crm.MapGet("/webhooks/facebook", Results<ContentHttpResult, ProblemHttpResult> (
                [FromQuery(Name = "hub.mode")] string? mode, [FromQuery(Name = "hub.verify_token")] string? verifyToken,
                [FromQuery(Name = "hub.challenge")] string? challenge, FacebookSettings settings) =>
                !FacebookSignature.HandshakeAccepted(mode, verifyToken, settings.VerifyToken)
                    ? ApiProblems.Forbidden("The subscription is refused: hub.mode must be subscribe and hub.verify_token must be FACEBOOK_VERIFY_TOKEN.")
                    : string.IsNullOrEmpty(challenge) ? ApiProblems.Invalid("hub.challenge", "hub.challenge is required.")
                    : TypedResults.Text(challenge, "text/plain"))
            .AllowAnonymous()
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("verifyFacebookSubscription")
            .WithSummary("Facebook's webhook subscription handshake: echoes hub.challenge when hub.mode=subscribe and hub.verify_token matches");

        crm.MapGet("/webhooks/facebook/leadgens", async Task<Ok<PageOf<FacebookLeadgenResponse>>> (
                [AsParameters] FacebookLeadgenListQuery query, FacebookLeadgenQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.ListAsync(query, ct)))
            .RequireAuthorization(Policies.Admin)
            .AddEndpointFilter<ValidationFilter>()
            .WithName("listFacebookLeadgens")
            .WithSummary("Leadgen ids Facebook delivered without fields, and what became of each (taken in, pending, failed or skipped, with why)");
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
