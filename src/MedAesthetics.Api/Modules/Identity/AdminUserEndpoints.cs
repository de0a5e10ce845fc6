using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
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
        var users = routes.MapGroup("/admin/users").WithTags("Users").WithValidation();

        users.MapPost("", async Task<Results<Created<UserResponse>, ProblemHttpResult>> (
                CreateUserRequest request, Caller caller, AccessScopeProvider scopes, AuthService service, IClinicStaffEnrollment clinics,
                IPlatformSettings platformSettings, CancellationToken ct) =>
            {
                if (!caller.IsAdmin)
                {
                    // A clinic owner creates doctors and secretaries for its own clinic, nothing else.
                    if (request.ClinicId is not { } ownClinic || !(await scopes.ForAsync(caller, ct)).ManagesClinic(ownClinic))
                        return ApiProblems.Forbidden("A clinic owner creates staff only for its own clinic (give clinicId).");
                }
                var settings = await platformSettings.GetAsync(ct);
                var details = new NewUser(request.Email, request.FirstName, request.LastName, request.Role, request.Phone,
                    request.Timezone ?? settings.DefaultTimezone, request.Locale ?? settings.DefaultLocale);
                var outcome = await service.CreateUserAsync(details, request.Password, ct, beforeSave: async user =>
                    request.ClinicId is { } clinicId && await clinics.EnrollAsync(clinicId, user.Id, user.Role, ct) is { } why
                        ? Error.BadRequest(why)
                        : null);
                return outcome.Succeeded
                    ? TypedResults.Created($"/admin/users/{outcome.Value.User.Id}", UserResponse.From(outcome.Value.User))
                    : outcome.Error!.ToProblem();
            })
            .RequireAuthorization(Policies.AdminOrClinicOwner)
            .WithSummary("Create a user (admin: any role; clinic owner: doctors and secretaries of its clinic, with clinicId)")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(409);

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
            .RequireAuthorization(Policies.Admin)
            .WithSummary("List users, filtered by role and a search over name and email (admin)");
    }

    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
