using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Identity;

public static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder routes)
    {
        var me = routes.MapGroup("/users/me").WithTags("Users").RequireAuthorization().WithValidation();

        me.MapGet("", async Task<Results<Ok<UserResponse>, ProblemHttpResult>> (Caller caller, AppDbContext db, CancellationToken ct) =>
            {
                var user = await db.Set<User>().AsNoTracking().SingleOrDefaultAsync(u => u.Id == caller.UserId, ct);
                return user is null ? ApiProblems.NotFound("The account no longer exists.") : TypedResults.Ok(UserResponse.From(user));
            })
            .WithSummary("The signed-in user");

        me.MapPatch("/profile", async Task<Results<Ok<UserResponse>, ProblemHttpResult, ValidationProblem>> (UpdateProfileRequest request, Caller caller, AppDbContext db, CancellationToken ct) =>
            {
                var user = await db.Set<User>().SingleOrDefaultAsync(u => u.Id == caller.UserId, ct);
                if (user is null)
                    return ApiProblems.NotFound("The account no longer exists.");
                user.UpdateProfile(new ProfileChanges(request.FirstName, request.LastName, request.Phone, request.Timezone, request.Locale));
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(UserResponse.From(user));
            })
            .WithSummary("Change your own name, phone, timezone or locale; other fields are ignored");
    }
}
