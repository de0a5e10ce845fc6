using System.Collections.Concurrent;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Persistence;

namespace MedAesthetics.Api.Modules.Clinics;

/// <summary>
/// Per-node memory of which clinics each member of staff owns, works in or was granted, so a staff request resolves its
/// <see cref="AccessScope"/> without a query. Triggers on clinics, clinic_staff and agent_clinic_access bump the
/// one-row <c>membership_versions</c> in the transaction of any change, however it is made; the memory is dropped when
/// that version moves (<see cref="VersionWatch"/>: read at most once per Clinics:MembershipRefreshMilliseconds, 250,
/// and on every request after this node saved such a change, see <see cref="ClinicChangeInterceptor"/>), so a grant or
/// a revocation counts at once on the node that made it and within 250 ms on the others, as a logout does.
/// </summary>
public sealed class ClinicMembershipCache(IServiceScopeFactory scopes, IConfiguration configuration)
{
    private const int MaxRemembered = 100_000;
    private readonly VersionWatch _version = new(scopes, "membership_versions",
        TimeSpan.FromMilliseconds(configuration.GetValue("Clinics:MembershipRefreshMilliseconds", 250)));
    private volatile Generation _generation = new(-1);

    private sealed record Generation(long Version)
    {
        public ConcurrentDictionary<Guid, ClinicMemberships> Users { get; } = new();
    }

    /// <summary>Called after this node saved a change to clinics' owners, staff or salespeople's access.</summary>
    public void LocalChangeSaved() => _version.LocalChangeSaved();

    /// <summary>
    /// The user's memberships from memory, or from <paramref name="load"/> (remembered under the version read before it,
    /// so a change committed while it ran moves the version and drops it).
    /// </summary>
    public async Task<ClinicMemberships> GetAsync(Guid userId, Func<Task<ClinicMemberships>> load, CancellationToken cancellationToken)
    {
        var version = await _version.VersionAsync(cancellationToken);
        var generation = _generation;
        if (generation.Version != version || generation.Users.Count > MaxRemembered)
            _generation = generation = new Generation(version);
        if (generation.Users.TryGetValue(userId, out var known))
            return known;
        var memberships = await load();
        generation.Users.TryAdd(userId, memberships);
        return memberships;
    }
}
