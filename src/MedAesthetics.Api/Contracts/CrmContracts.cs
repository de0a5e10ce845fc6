using MedAesthetics.Api.Platform.Auth;
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

public sealed record LeadSnapshot(Guid Id, string FirstName, LeadStatus Status, Guid? AssignedToId, Guid? ClinicId, NodaTime.Instant StatusChangedAt);

/// <summary>What other modules may ask the CRM module about leads.</summary>
public interface ILeadDirectory
{
    /// <summary>Leads in the status whose last status change is older than the instant, oldest first.</summary>
    Task<IReadOnlyList<LeadSnapshot>> StaleAsync(LeadStatus status, NodaTime.Instant changedBefore, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<LeadSnapshot>> FindAsync(IReadOnlyCollection<Guid> leadIds, CancellationToken cancellationToken);

    /// <summary>Which of the leads the scope may reach (the CRM's own access rule): a yes/no for many leads in one query.</summary>
    Task<IReadOnlySet<Guid>> ReachableAsync(AccessScope scope, IReadOnlyCollection<Guid> leadIds, CancellationToken cancellationToken);

    /// <summary>A lead with its contact details as the CRM's API shows them to those who may see it, or null (no such lead, or deleted).</summary>
    Task<LeadDetails?> DetailsAsync(Guid leadId, CancellationToken cancellationToken);
}

/// <summary>A lead as its readers see it through the API (outgoing webhooks pass it on to receivers of the lead's clinic).</summary>
public sealed record LeadDetails(
    Guid Id, string FirstName, string? LastName, string? Email, string? Phone, LeadSource Source, LeadStatus Status,
    Guid? ClinicId, Guid? CampaignId, Guid? AssignedToId, Guid? DuplicateOfId, NodaTime.Instant CreatedAt);
