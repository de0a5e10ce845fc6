using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAesthetics.Api.Modules.Identity;

public static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder routes)
    {
        var me = routes.MapGroup("/users/me").WithTags("Users").RequireAuthorization().WithValidation();

        me.MapGet("", async Task<Results<Ok<UserResponse>, ProblemHttpResult>> (Caller caller, UserQueries queries, CancellationToken ct) =>
                (await queries.MeAsync(caller.UserId, ct)).ToResult(TypedResults.Ok))
            .WithName("getMe").WithSummary("The signed-in user");

        me.MapPatch("/profile", async Task<Results<Ok<UserResponse>, ProblemHttpResult>> (
                UpdateProfileRequest request, Caller caller, UserAdministration users, CancellationToken ct) =>
                (await users.UpdateProfileAsync(caller.UserId, request, ct)).ToResult(TypedResults.Ok))
            .WithName("updateMe").WithSummary("Change your own name, phone, timezone or locale; other fields are ignored")
            .ProducesValidationProblem();
    }
}
