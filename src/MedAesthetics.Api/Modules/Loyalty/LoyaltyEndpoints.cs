using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MedAesthetics.Api.Modules.Loyalty;

public static class LoyaltyEndpoints
{
    public static void MapLoyaltyEndpoints(this IEndpointRouteBuilder routes)
    {
        var loyalty = routes.MapGroup("/loyalty").WithTags("Loyalty").WithValidation().RequireAuthorization();

        loyalty.MapGet("/{clientId:guid}", async Task<Results<Ok<LoyaltyAccountResponse>, ProblemHttpResult>> (
                Guid clientId, Caller caller, AccessScopeProvider scopes, LoyaltyQueries queries, CancellationToken ct) =>
                (await queries.AccountAsync(clientId, await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .WithName("getLoyaltyAccount")
            .WithSummary("A client's balance, tier, next tier, points expiring in the next 30 days and referral code (a client reads only its own)")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        loyalty.MapGet("/{clientId:guid}/history", async Task<Results<Ok<PageOf<LoyaltyEntryResponse>>, ProblemHttpResult>> (
                Guid clientId, [AsParameters] HistoryQuery query, Caller caller, AccessScopeProvider scopes, LoyaltyQueries queries, CancellationToken ct) =>
                (await queries.HistoryAsync(clientId, query.Paging, await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .WithName("listLoyaltyHistory")
            .WithSummary("The client's ledger, newest first: earn, redeem, expire and adjust entries with the balance after each")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        loyalty.MapPost("/redeem", async Task<Results<Created<RedemptionResponse>, ProblemHttpResult>> (
                RedeemRequest request, [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey,
                Caller caller, AccessScopeProvider scopes, LoyaltyService service, CancellationToken ct) =>
                (await service.RedeemAsync(request, idempotencyKey, await scopes.ForAsync(caller, ct), ct))
                    .ToResult(r => TypedResults.Created($"/loyalty/{request.ClientId}/history", r)))
            .RequireRateLimiting(RateLimits.Redemption)
            .WithName("redeemPoints")
            .WithSummary("Redeem points (at least 100, in steps of 100; 100 points = 5.00 EUR) from the oldest first; the Idempotency-Key header makes a retry return the first answer")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        loyalty.MapPost("/{clientId:guid}/adjustments", async Task<Results<Created<LoyaltyEntryResponse>, ProblemHttpResult>> (
                Guid clientId, AdjustmentRequest request, Caller caller, AccessScopeProvider scopes, LoyaltyService service, CancellationToken ct) =>
                (await service.AdjustAsync(clientId, request, await scopes.ForAsync(caller, ct), ct))
                    .ToResult(e => TypedResults.Created($"/loyalty/{clientId}/history", e)))
            .RequireAuthorization(Policies.Admin)
            .WithName("adjustPoints")
            .WithSummary("Admins add or take points with a reason; never below zero")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
