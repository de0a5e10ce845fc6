using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Identity;

/// <summary>An access token is honoured only while its session is unrevoked and its user can still sign in (one indexed lookup).</summary>
public sealed class SessionValidator(AppDbContext db) : ISessionValidator
{
    public Task<bool> IsActiveAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken) =>
        db.Set<AuthSession>()
            .Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
            .Join(db.Set<User>().Where(u => u.IsActive), s => s.UserId, u => u.Id, (s, u) => s.Id)
            .AnyAsync(cancellationToken);
}
