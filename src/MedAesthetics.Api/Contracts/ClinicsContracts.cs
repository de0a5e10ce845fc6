using MedAesthetics.Api.Platform.Auth;
using NodaTime;

namespace MedAesthetics.Api.Contracts;

public sealed record ClinicInfo(Guid Id, string Name, string Timezone, string? CountryCode, Guid? OwnerId);

public sealed record ServiceInfo(
    Guid Id, Guid ClinicId, string Name, int DurationMinutes, decimal Price, string Currency,
    int BufferBeforeMinutes, int BufferAfterMinutes, int? LoyaltyPoints, int? RepeatAfterDays);

public sealed record WorkingHoursEntry(Guid ProviderId, IsoDayOfWeek Day, LocalTime Start, LocalTime End);

/// <summary>Time taken away from one provider, or from the whole clinic when ProviderId is null.</summary>
public sealed record BlockedTime(Guid? ProviderId, Instant Start, Instant End)
{
    /// <summary>Whether it takes the provider's time: its own blocked time or the clinic's.</summary>
    public bool Takes(Guid providerId) => ProviderId is null || ProviderId == providerId;

    /// <summary>Whether it overlaps [from, to) (half-open: touching is not overlapping).</summary>
    public bool Overlaps(Instant from, Instant to) => Start < to && End > from;

    public Interval ToInterval() => new(Start, End);
}

public sealed record ClinicCalendar(IReadOnlyList<WorkingHoursEntry> WorkingHours, IReadOnlyList<BlockedTime> Blocked);

/// <summary>
/// Everything about a clinic that availability needs but bookings do not change: the clinic, its services, which doctor
/// performs which service, working hours and blocked time. Served from a per-node cache (see ClinicScheduleCache).
/// </summary>
public sealed record ClinicSchedule(
    ClinicInfo Clinic,
    IReadOnlyDictionary<Guid, ServiceInfo> Services,
    IReadOnlyList<Guid> Doctors,
    ILookup<Guid, Guid> ServicesByProvider,
    IReadOnlyList<WorkingHoursEntry> WorkingHours,
    IReadOnlyList<BlockedTime> Blocked)
{
    /// <summary>The doctors who perform the service, ordered by id: those listed for it, and those listed for nothing (they perform every service).</summary>
    public IReadOnlyList<Guid> ProvidersFor(Guid serviceId) =>
        Doctors.Where(d => !ServicesByProvider.Contains(d) || ServicesByProvider[d].Contains(serviceId)).ToList();

    /// <summary>The working hours of the providers and the blocked time (theirs and clinic-wide) overlapping [from, to).</summary>
    public ClinicCalendar CalendarFor(IReadOnlyCollection<Guid> providerIds, Instant from, Instant to) =>
        new(WorkingHours.Where(w => providerIds.Contains(w.ProviderId)).ToList(),
            Blocked.Where(b => (b.ProviderId is null || providerIds.Contains(b.ProviderId.Value)) && b.Overlaps(from, to)).ToList());
}

/// <summary>What the Clinics module tells other modules about clinics, their services, providers and hours.</summary>
public interface IClinicDirectory
{
    Task<ClinicInfo?> FindClinicAsync(Guid clinicId, CancellationToken cancellationToken);
    /// <summary>The clinic with exactly this name (demo data finds its clinic so).</summary>
    Task<ClinicInfo?> FindClinicByNameAsync(string name, CancellationToken cancellationToken);
    Task<ServiceInfo?> FindServiceAsync(Guid serviceId, CancellationToken cancellationToken);
    Task<IReadOnlyDictionary<Guid, ServiceInfo>> FindServicesAsync(IReadOnlyCollection<Guid> serviceIds, CancellationToken cancellationToken);

    /// <summary>
    /// The clinic's schedule from this node's cache (null: no such clinic). A change made through this node is seen by
    /// its next read; a change made on another node within Calendar:RefreshMilliseconds (1000). Reads for writes
    /// (booking rules) use <see cref="CurrentScheduleAsync"/>.
    /// </summary>
    Task<ClinicSchedule?> ScheduleAsync(Guid clinicId, CancellationToken cancellationToken);

    /// <summary>
    /// The clinic's schedule as of now, for reads that decide a write: the cache is checked against the database's
    /// calendar version (one primary-key lookup on the caller's own connection, in its transaction if one is open) and
    /// reloaded when it moved, so every change committed on any node before the call is in the answer. Not for a
    /// transaction that has itself changed the calendar: the schedule is loaded from what is committed.
    /// </summary>
    Task<ClinicSchedule?> CurrentScheduleAsync(Guid clinicId, CancellationToken cancellationToken);

    /// <summary>
    /// The clinic's schedule from this node's cache (as <see cref="ScheduleAsync"/>) with the calendar version it was built
    /// for: a write that checks its rules against it reads <see cref="CalendarVersionStatement"/> inside its transaction,
    /// in a round trip it makes anyway, and starts over with <see cref="CurrentScheduleAsync"/> when the two differ.
    /// </summary>
    Task<(ClinicSchedule? Schedule, long Version)> CachedScheduleAsync(Guid clinicId, CancellationToken cancellationToken);

    /// <summary>A positional statement (for a batch) whose one row's one column is the database's calendar version now.</summary>
    (string Sql, object[] Values) CalendarVersionStatement { get; }

    /// <summary>Members of the clinic's team with the role (the owner counts as clinic_owner).</summary>
    Task<IReadOnlyList<Guid>> StaffAsync(Guid clinicId, UserRole role, CancellationToken cancellationToken);

    /// <summary>Salespeople granted access to the clinic (agent_clinic_access).</summary>
    Task<IReadOnlyList<Guid>> AgentsOfClinicAsync(Guid clinicId, CancellationToken cancellationToken);
}

/// <summary>Lets the Identity module enrol a user it creates into a clinic's team in the same unit of work.</summary>
public interface IClinicStaffEnrollment
{
    /// <returns>null when done (pending the caller's SaveChanges), else why it cannot be.</returns>
    Task<string?> EnrollAsync(Guid clinicId, Guid userId, UserRole role, CancellationToken cancellationToken);
}
