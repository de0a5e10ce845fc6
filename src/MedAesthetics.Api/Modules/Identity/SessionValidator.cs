using System.Collections.Concurrent;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Identity;

/// <summary>An access token is honoured only while its session is unrevoked and its user can still sign in.</summary>
public sealed class SessionValidator(AppDbContext db, SessionCache cache) : ISessionValidator
{
    public Task<bool> IsActiveAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken) =>
        cache.IsActiveAsync(sessionId, userId, () =>
            db.Set<AuthSession>()
                .Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
                .Join(db.Set<User>().Where(u => u.IsActive), s => s.UserId, u => u.Id, (s, u) => s.Id)
                .AnyAsync(cancellationToken), cancellationToken);
}

/// <summary>
/// Per-node memory of the sessions found alive, so most requests check their session without a query. Triggers bump
/// <c>session_versions</c> in the transaction of every revocation (auth_sessions.revoked_at) and of every change to a
/// user's is_active or deleted_at; the memory is dropped when that version moves (<see cref="VersionWatch"/>: read at
/// most once per Sessions:RefreshMilliseconds, 250, and on every request after this node revoked a session), so a
/// logout is honoured at once on the node that took it and within 250 ms on the others.
/// </summary>
public sealed class SessionCache(IServiceScopeFactory scopes, IConfiguration configuration)
{
    private const int MaxRemembered = 200_000;
    private readonly VersionWatch _version = new(scopes, "session_versions", TimeSpan.FromMilliseconds(configuration.GetValue("Sessions:RefreshMilliseconds", 250)));
    private volatile Generation _generation = new(-1);

    private sealed record Generation(long Version)
    {
        public ConcurrentDictionary<(Guid Session, Guid User), bool> Alive { get; } = new();
    }

    /// <summary>Called after this node revoked sessions or deactivated a user.</summary>
    public void LocalChangeSaved() => _version.LocalChangeSaved();

    public async Task<bool> IsActiveAsync(Guid sessionId, Guid userId, Func<Task<bool>> ask, CancellationToken cancellationToken)
    {
        var version = await _version.VersionAsync(cancellationToken);
        var generation = _generation;
        if (generation.Version != version || generation.Alive.Count > MaxRemembered)
            _generation = generation = new Generation(version);
        if (generation.Alive.ContainsKey((sessionId, userId)))
            return true;
        if (!await ask())
            return false;
        generation.Alive.TryAdd((sessionId, userId), true);
        return true;
    }
}
