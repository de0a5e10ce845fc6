using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Identity;

public static class AdminUserEndpoints
{
    public static void MapAdminUserEndpoints(this IEndpointRouteBuilder routes)
    {
        var users = routes.MapGroup("/admin/users").WithTags("Users").RequireAuthorization(Policies.Admin).WithValidation();

        users.MapPost("", async Task<Results<Created<UserResponse>, ProblemHttpResult>> (
                CreateUserRequest request, AuthService service, IPlatformSettings platformSettings, CancellationToken ct) =>
            {
                var settings = await platformSettings.GetAsync(ct);
                var details = new NewUser(request.Email, request.FirstName, request.LastName, request.Role, request.Phone,
                    request.Timezone ?? settings.DefaultTimezone, request.Locale ?? settings.DefaultLocale);
                var outcome = await service.CreateUserAsync(details, request.Password, ct);
                return outcome.Succeeded
                    ? TypedResults.Created($"/admin/users/{outcome.Value.User.Id}", UserResponse.From(outcome.Value.User))
                    : outcome.Problem!;
            })
            .WithSummary("Create a user of any role (admin only)")
            .ProducesValidationProblem().ProducesProblem(409);

        users.MapGet("", async Task<Ok<PageOf<UserResponse>>> ([AsParameters] UserListQuery query, AppDbContext db, CancellationToken ct) =>
            {
                var users = db.Set<User>().AsNoTracking();
                if (query.RoleFilter is { } role)
                    users = users.Where(u => u.Role == role);
                if (!string.IsNullOrWhiteSpace(query.Q))
                {
                    var pattern = $"%{EscapeLike(query.Q.Trim())}%";
                    users = users.Where(u => EF.Functions.ILike(u.Email, pattern) || EF.Functions.ILike(u.FirstName, pattern) || EF.Functions.ILike(u.LastName, pattern));
                }
                var page = await users.OrderBy(u => u.LastName).ThenBy(u => u.FirstName).ThenBy(u => u.Id).ToPageAsync(query.Paging, ct);
                return TypedResults.Ok(page.Map(UserResponse.From));
            })
            .WithSummary("List users, filtered by role and a search over name and email");
    }

    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
