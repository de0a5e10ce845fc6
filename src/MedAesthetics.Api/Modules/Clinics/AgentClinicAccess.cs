using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Clinics;

/// <summary>A salesperson's access to a clinic's leads and calendar (the seed's agent_clinic_access table).</summary>
public sealed class AgentClinicAccess : Entity
{
    private AgentClinicAccess() { }

    public Guid AgentUserId { get; private set; }
    public Guid ClinicId { get; private set; }

    public static AgentClinicAccess Grant(Guid agentUserId, Guid clinicId) => new() { AgentUserId = agentUserId, ClinicId = clinicId };
}
