using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Clinics;

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
