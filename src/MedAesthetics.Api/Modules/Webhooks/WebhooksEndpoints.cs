using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAesthetics.Api.Modules.Webhooks;

public static class WebhooksEndpoints
{
    public static void MapWebhooksEndpoints(this IEndpointRouteBuilder routes)
    {
        var webhooks = routes.MapGroup("/admin/webhooks").WithTags("Webhooks").WithValidation().RequireAuthorization(Policies.AdminOrClinicOwner);

        webhooks.MapPost("", async Task<Results<Created<CreatedWebhookResponse>, ProblemHttpResult>> (
                CreateWebhookRequest request, Caller caller, AccessScopeProvider scopes, WebhookService service, CancellationToken ct) =>
                (await service.CreateAsync(request, await scopes.ForAsync(caller, ct), ct)).ToResult(w => TypedResults.Created($"/admin/webhooks/{w.Id}", w)))
            .WithName("createWebhook")
            .WithSummary("Register a signed outgoing webhook (admin: any clinic or all; clinic owner: one of its clinics); the secret is returned this once")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        webhooks.MapGet("", async Task<Ok<PageOf<WebhookEndpointResponse>>> (
                [AsParameters] WebhookListQuery query, Caller caller, AccessScopeProvider scopes, WebhookQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.ListAsync(query, await scopes.ForAsync(caller, ct), ct)))
            .WithName("listWebhooks")
            .WithSummary("Webhook endpoints: an admin's all, a clinic owner's those of its clinics (never their secrets)")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        webhooks.MapGet("/{id:guid}", async Task<Results<Ok<WebhookEndpointResponse>, ProblemHttpResult>> (
                Guid id, Caller caller, AccessScopeProvider scopes, WebhookQueries queries, CancellationToken ct) =>
                (await queries.FindAsync(id, await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .WithName("getWebhook")
            .WithSummary("One webhook endpoint (404 when it is not yours to manage)")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        webhooks.MapDelete("/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
                Guid id, Caller caller, AccessScopeProvider scopes, WebhookService service, CancellationToken ct) =>
                (await service.DeleteAsync(id, await scopes.ForAsync(caller, ct), ct)).ToResult(_ => TypedResults.NoContent()))
            .WithName("deleteWebhook")
            .WithSummary("Delete a webhook endpoint with its delivery records; nothing more is sent to it")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        webhooks.MapPost("/{id:guid}/enable", async Task<Results<Ok<WebhookEndpointResponse>, ProblemHttpResult>> (
                Guid id, Caller caller, AccessScopeProvider scopes, WebhookService service, CancellationToken ct) =>
                (await service.EnableAsync(id, await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .WithName("enableWebhook")
            .WithSummary("Turn a webhook endpoint that was disabled after a day of failures back on (events from now on are sent)")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        webhooks.MapGet("/{id:guid}/deliveries", async Task<Results<Ok<PageOf<WebhookDeliveryResponse>>, ProblemHttpResult>> (
                Guid id, [AsParameters] WebhookDeliveryListQuery query, Caller caller, AccessScopeProvider scopes, WebhookQueries queries, CancellationToken ct) =>
                (await queries.DeliveriesAsync(id, query, await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .WithName("listWebhookDeliveries")
            .WithSummary("The endpoint's deliveries, newest first, each with every try (time, status code or error, duration); ?status=pending|delivered|failed")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
    }
}
