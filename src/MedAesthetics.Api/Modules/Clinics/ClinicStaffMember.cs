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
