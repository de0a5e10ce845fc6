using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Clinics;

/// <summary>A service a provider performs. A provider with no rows performs every service of the clinic.</summary>
public sealed class ProviderService
{
    public Guid ProviderId { get; init; }
    public Guid ServiceId { get; init; }
    public Guid ClinicId { get; init; }
}
