using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Clinics;

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
