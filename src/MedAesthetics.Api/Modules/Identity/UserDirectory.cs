using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Identity;

public sealed class UserDirectory(AppDbContext db) : IUserDirectory
{
    public async Task<IReadOnlyDictionary<Guid, UserSummary>> FindAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken) =>
        userIds.Count == 0
            ? new Dictionary<Guid, UserSummary>()
            : await db.Set<User>().AsNoTracking().Where(u => userIds.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, Summary, cancellationToken);

    public async Task<UserSummary?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = User.NormalizeEmail(email);
        var user = await db.Set<User>().AsNoTracking().SingleOrDefaultAsync(u => u.Email == normalized, cancellationToken);
        return user is null ? null : Summary(user);
    }

    public async Task<IReadOnlyList<Guid>> ActiveInRoleAsync(Platform.Auth.UserRole role, CancellationToken cancellationToken) =>
        await db.Set<User>().Where(u => u.Role == role && u.IsActive).OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(cancellationToken);

    private static UserSummary Summary(User u) =>
        new(u.Id, u.Role, u.Email, u.FirstName, u.LastName, u.Phone, u.Timezone, u.Locale, u.IsActive);
}
