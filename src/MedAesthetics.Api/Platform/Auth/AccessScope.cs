namespace MedAesthetics.Api.Platform.Auth;

/// <summary>Who a record belongs to, in the terms access is decided by: its clinic, the user it is about, the staff member it is assigned to.</summary>
public sealed record RecordReach(Guid? ClinicId = null, Guid? SubjectUserId = null, Guid? AssigneeId = null);

/// <summary>
/// What one caller may reach, decided per record (docs/rules.md "People and access"): the admin everything; clinic staff
/// their clinics' records; a salesperson the clinics granted to it and what is assigned to it; everyone their own records.
/// A record outside the scope answers 404, so endpoints ask <see cref="CanReach"/> and treat false as not found.
/// </summary>
public sealed class AccessScope
{
    public AccessScope(Caller caller, IReadOnlySet<Guid> teamClinics, IReadOnlySet<Guid> ownedClinics, IReadOnlySet<Guid> agentClinics)
    {
        Caller = caller;
        TeamClinics = teamClinics;
        OwnedClinics = ownedClinics;
        AgentClinics = agentClinics;
    }

    public Caller Caller { get; }
    /// <summary>Clinics where the caller is owner, doctor or secretariat.</summary>
    public IReadOnlySet<Guid> TeamClinics { get; }
    /// <summary>Clinics the caller owns (a subset of TeamClinics).</summary>
    public IReadOnlySet<Guid> OwnedClinics { get; }
    /// <summary>Clinics granted to a salesperson through agent_clinic_access.</summary>
    public IReadOnlySet<Guid> AgentClinics { get; }

    public bool IsAdmin => Caller.IsAdmin;

    public bool CanReachClinic(Guid clinicId) =>
        IsAdmin || TeamClinics.Contains(clinicId) || AgentClinics.Contains(clinicId);

    public bool ManagesClinic(Guid clinicId) => IsAdmin || OwnedClinics.Contains(clinicId);

    public bool CanReach(RecordReach record) =>
        IsAdmin
        || (record.SubjectUserId is { } subject && subject == Caller.UserId)
        || (Caller.IsStaff && record.AssigneeId is { } assignee && assignee == Caller.UserId)
        || (Caller.IsStaff && record.ClinicId is { } clinic && CanReachClinic(clinic));

    /// <summary>The clinics whose records the caller may list; null means every clinic.</summary>
    public IReadOnlySet<Guid>? ReachableClinics => IsAdmin ? null : TeamClinics.Union(AgentClinics).ToHashSet();
}

/// <summary>Answers which clinics a user works in; the Clinics module provides it from its membership tables.</summary>
public interface IClinicMembershipSource
{
    Task<ClinicMemberships> ForUserAsync(Guid userId, CancellationToken cancellationToken);
}

public sealed record ClinicMemberships(IReadOnlySet<Guid> Team, IReadOnlySet<Guid> Owned, IReadOnlySet<Guid> Agent)
{
    public static readonly ClinicMemberships None = new(new HashSet<Guid>(), new HashSet<Guid>(), new HashSet<Guid>());
}

/// <summary>Resolves a caller's scope once per request.</summary>
public sealed class AccessScopeProvider(IEnumerable<IClinicMembershipSource> sources)
{
    private AccessScope? _cached;

    public async Task<AccessScope> ForAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (_cached is not null && _cached.Caller == caller)
            return _cached;
        var memberships = caller.IsStaff && !caller.IsAdmin ? await MembershipsAsync(caller.UserId, cancellationToken) : ClinicMemberships.None;
        return _cached = new AccessScope(caller, memberships.Team, memberships.Owned, memberships.Agent);
    }

    /// <summary>The clinics any user works in (a task's assignee, say), as the caller's own scope would see them.</summary>
    public async Task<ClinicMemberships> MembershipsAsync(Guid userId, CancellationToken cancellationToken)
    {
        var team = new HashSet<Guid>();
        var owned = new HashSet<Guid>();
        var agent = new HashSet<Guid>();
        foreach (var source in sources)
        {
            var memberships = await source.ForUserAsync(userId, cancellationToken);
            team.UnionWith(memberships.Team);
            owned.UnionWith(memberships.Owned);
            agent.UnionWith(memberships.Agent);
        }
        return new ClinicMemberships(team, owned, agent);
    }
}
