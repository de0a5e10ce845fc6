using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Identity;

/// <summary>The reads of users: the signed-in user, and the admin's list.</summary>
public sealed class UserQueries(AppDbContext db)
{
    public static Error NoAccount() => Error.NotFound("The account no longer exists.");

    public async Task<Outcome<UserResponse>> MeAsync(Guid userId, CancellationToken ct) =>
        await db.Set<User>().AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, ct) is { } user ? UserResponse.From(user) : NoAccount();

    public async Task<PageOf<UserResponse>> ListAsync(UserListQuery query, CancellationToken ct)
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
        return page.Map(UserResponse.From);
    }

    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
