using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAesthetics.Api.Modules.Identity;

public static class GdprEndpoints
{
    public static void MapGdprEndpoints(this IEndpointRouteBuilder routes)
    {
        var me = routes.MapGroup("/users/me").WithTags("Users").RequireAuthorization().WithValidation();

        me.MapGet("/export", async Task<Results<Ok<Dictionary<string, object?>>, ProblemHttpResult>> (Caller caller, PersonalDataService gdpr, CancellationToken ct) =>
                (await gdpr.ExportAsync(caller.UserId, ct)).ToResult(TypedResults.Ok))
            .WithName("exportMyData")
            .WithSummary("Everything held about you as one JSON document: profile, consents, and one section per module (appointments, leads, audit, ...)")
            .ProducesProblem(401).ProducesProblem(404);

        me.MapPost("/delete", async Task<Results<Accepted<ErasureResponse>, ProblemHttpResult>> (DeleteAccountRequest request, Caller caller, PersonalDataService gdpr, CancellationToken ct) =>
                (await gdpr.EraseSelfAsync(caller.UserId, request.Password!, ct)).ToResult(r => TypedResults.Accepted((string?)null, r)))
            .WithName("deleteMyAccount")
            .WithSummary("Erase your account, confirmed with your password: personal data erased or anonymised, every session revoked; the clinic's books keep the appointments without personal data")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        me.MapGet("/consents", async Task<Ok<ConsentsResponse>> (Caller caller, ConsentService consents, CancellationToken ct) =>
                TypedResults.Ok(await consents.ListAsync(caller.UserId, ct)))
            .WithName("listConsents")
            .WithSummary("Your consents: the latest decision per type (inForce) and the whole history")
            .ProducesProblem(401);

        me.MapPost("/consents", async Task<Created<ConsentResponse>> (RecordConsentRequest request, Caller caller, ConsentService consents, CancellationToken ct) =>
            {
                var consent = await consents.RecordAsync(caller.UserId, request.TypeValue!.Value, request.Version!, request.Granted!.Value, ct);
                return TypedResults.Created($"/users/me/consents/{consent.Id}", consent);
            })
            .WithName("recordConsent")
            .WithSummary("Grant or withdraw a consent (terms, privacy, marketing) for a document version; the history is kept")
            .ProducesValidationProblem().ProducesProblem(401);

        routes.MapGroup("/admin/users").WithTags("Users").WithValidation()
            .MapPost("/{id:guid}/erasure", async Task<Results<Accepted<ErasureResponse>, ProblemHttpResult>> (Guid id, PersonalDataService gdpr, CancellationToken ct) =>
                (await gdpr.EraseByAdminAsync(id, ct)).ToResult(r => TypedResults.Accepted((string?)null, r)))
            .RequireAuthorization(Policies.Admin)
            .WithName("eraseUser")
            .WithSummary("Erase a user whose request came by other means (admin)")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
    }
}
