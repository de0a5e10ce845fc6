using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>One status change of a lead, with who made it (null: the platform) and when.</summary>
public sealed class LeadStatusChange : Entity
{
    private LeadStatusChange() { }

    public Guid LeadId { get; private set; }
    public LeadStatus? FromStatus { get; private set; }
    public LeadStatus ToStatus { get; private set; }
    public Guid? ActorId { get; private set; }
    public string? Reason { get; private set; }

    public static LeadStatusChange Record(Guid leadId, LeadStatus? from, LeadStatus to, Guid? actorId, string? reason) =>
        new() { LeadId = leadId, FromStatus = from, ToStatus = to, ActorId = actorId, Reason = reason };
}
