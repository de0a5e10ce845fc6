using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAesthetics.Api.Modules.Identity;

public static class AdminUserEndpoints
{
    public static void MapAdminUserEndpoints(this IEndpointRouteBuilder routes)
    {
        var users = routes.MapGroup("/admin/users").WithTags("Users").WithValidation();

        users.MapPost("", async Task<Results<Created<UserResponse>, ProblemHttpResult>> (
                CreateUserRequest request, Caller caller, AccessScopeProvider scopes, UserAdministration administration, CancellationToken ct) =>
                (await administration.CreateAsync(request, await scopes.ForAsync(caller, ct), ct)).ToResult(u => TypedResults.Created($"/admin/users/{u.Id}", u)))
            .RequireAuthorization(Policies.AdminOrClinicOwner)
            .WithName("createUser")
            .WithSummary("Create a user (admin: any role; clinic owner: doctors and secretaries of its clinic, with clinicId)")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(409);

        users.MapGet("", async Task<Ok<PageOf<UserResponse>>> ([AsParameters] UserListQuery query, UserQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.ListAsync(query, ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName("listUsers")
            .WithSummary("List users, filtered by role and a search over name and email (admin)");
    }
}
