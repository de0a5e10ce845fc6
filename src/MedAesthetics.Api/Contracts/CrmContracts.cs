using MedAesthetics.Api.Platform.Outbox;

namespace MedAesthetics.Api.Contracts;

public enum LeadSource
{
    Facebook,
    Instagram,
    Google,
    Tiktok,
    Website,
    Referral,
    WalkIn,
    Phone,
    Other,
}

public enum LeadStatus
{
    New,
    Contacted,
    Qualified,
    Booked,
    Converted,
    Lost,
}

public sealed record LeadCreated(Guid LeadId, LeadSource Source, Guid? ClinicId, Guid? CampaignId, Guid? AssignedToId, Guid? DuplicateOfId, Guid? CreatedBy) : IIntegrationEvent;

public sealed record LeadAssigned(Guid LeadId, Guid AssignedToId, Guid? PreviousAssigneeId, Guid? ClinicId, Guid? AssignedBy) : IIntegrationEvent;

public sealed record LeadStatusChanged(Guid LeadId, LeadStatus From, LeadStatus To, Guid? ChangedBy, Guid? AssignedToId, Guid? ClinicId) : IIntegrationEvent;
