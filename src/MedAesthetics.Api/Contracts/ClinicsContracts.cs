using MedAesthetics.Api.Platform.Auth;
using NodaTime;

namespace MedAesthetics.Api.Contracts;

public sealed record ClinicInfo(Guid Id, string Name, string Timezone, string? CountryCode, Guid? OwnerId);

public sealed record ServiceInfo(
    Guid Id, Guid ClinicId, string Name, int DurationMinutes, decimal Price, string Currency,
    int BufferBeforeMinutes, int BufferAfterMinutes, int? LoyaltyPoints, int? RepeatAfterDays);

public sealed record WorkingHoursEntry(Guid ProviderId, IsoDayOfWeek Day, LocalTime Start, LocalTime End);

/// <summary>Time taken away from one provider, or from the whole clinic when ProviderId is null.</summary>
public sealed record BlockedTime(Guid? ProviderId, Instant Start, Instant End);

public sealed record ClinicCalendar(IReadOnlyList<WorkingHoursEntry> WorkingHours, IReadOnlyList<BlockedTime> Blocked);

/// <summary>What the Clinics module tells other modules about clinics, their services, providers and hours.</summary>
public interface IClinicDirectory
{
    Task<ClinicInfo?> FindClinicAsync(Guid clinicId, CancellationToken cancellationToken);
    /// <summary>The clinic with exactly this name (demo data finds its clinic so).</summary>
    Task<ClinicInfo?> FindClinicByNameAsync(string name, CancellationToken cancellationToken);
    Task<ServiceInfo?> FindServiceAsync(Guid serviceId, CancellationToken cancellationToken);
    Task<IReadOnlyDictionary<Guid, ServiceInfo>> FindServicesAsync(IReadOnlyCollection<Guid> serviceIds, CancellationToken cancellationToken);

    /// <summary>The clinic's doctors who perform the service.</summary>
    Task<IReadOnlyList<Guid>> ProvidersForServiceAsync(Guid clinicId, Guid serviceId, CancellationToken cancellationToken);

    /// <summary>Working hours of the given providers and the blocked time (theirs and clinic-wide) overlapping [from, to): two queries.</summary>
    Task<ClinicCalendar> CalendarAsync(Guid clinicId, IReadOnlyCollection<Guid> providerIds, Instant from, Instant to, CancellationToken cancellationToken);

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
