using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Clinics;

/// <summary>A doctor or secretary working in a clinic. Doctors are the clinic's providers.</summary>
public sealed class ClinicStaffMember : Entity
{
    private ClinicStaffMember() { }

    public Guid ClinicId { get; private set; }
    public Guid UserId { get; private set; }
    public UserRole Role { get; private set; }

    public static ClinicStaffMember Create(Guid clinicId, Guid userId, UserRole role) => new() { ClinicId = clinicId, UserId = userId, Role = role };
}

/// <summary>A service a provider performs. A provider with no rows performs every service of the clinic.</summary>
public sealed class ProviderService
{
    public Guid ProviderId { get; init; }
    public Guid ServiceId { get; init; }
    public Guid ClinicId { get; init; }
}

/// <summary>One interval of a provider's week, in the clinic's local time.</summary>
public sealed class WorkingHours : Entity
{
    private WorkingHours() { }

    public Guid ClinicId { get; private set; }
    public Guid ProviderId { get; private set; }
    public IsoDayOfWeek DayOfWeek { get; private set; }
    public LocalTime StartTime { get; private set; }
    public LocalTime EndTime { get; private set; }

    public static WorkingHours Create(Guid clinicId, Guid providerId, IsoDayOfWeek day, LocalTime start, LocalTime end) =>
        new() { ClinicId = clinicId, ProviderId = providerId, DayOfWeek = day, StartTime = start, EndTime = end };
}

/// <summary>Time off, a break or a device out of service: for one provider, or the whole clinic when ProviderId is null.</summary>
public sealed class BlockedSlot : Entity
{
    private BlockedSlot() { }

    public Guid ClinicId { get; private set; }
    public Guid? ProviderId { get; private set; }
    public Instant Start { get; private set; }
    public Instant End { get; private set; }
    public string? Reason { get; private set; }
    public Guid CreatedBy { get; private set; }

    public static BlockedSlot Create(Guid clinicId, Guid? providerId, Instant start, Instant end, string? reason, Guid createdBy) =>
        new() { ClinicId = clinicId, ProviderId = providerId, Start = start, End = end, Reason = reason?.Trim(), CreatedBy = createdBy };
}

/// <summary>A salesperson's access to a clinic's leads and calendar (the seed's agent_clinic_access table).</summary>
public sealed class AgentClinicAccess : Entity
{
    private AgentClinicAccess() { }

    public Guid AgentUserId { get; private set; }
    public Guid ClinicId { get; private set; }

    public static AgentClinicAccess Grant(Guid agentUserId, Guid clinicId) => new() { AgentUserId = agentUserId, ClinicId = clinicId };
}
