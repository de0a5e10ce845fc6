using MedAesthetics.Api.Platform.Outbox;
using NodaTime;

namespace MedAesthetics.Api.Contracts;

/// <summary>A task was given to someone (by hand or by a rule); the Notifications module tells the assignee.</summary>
public sealed record TaskAssigned(Guid TaskId, Guid AssigneeId, string Title, Instant DueAt, Guid? LeadId, Guid? AppointmentId) : IIntegrationEvent;

/// <summary>A client is due to come back for a treatment (the service's repeatAfterDays passed with no later booking).</summary>
public sealed record RepeatTreatmentDue(Guid ClientId, Guid ServiceId, Guid ClinicId, Guid PreviousAppointmentId, Instant DueAt) : IIntegrationEvent;

public sealed record TaskSummary(Guid Id, string Title, string Type, string Status, string Priority, Instant DueAt, Guid? AssigneeId, Instant? CompletedAt);

/// <summary>What other modules may ask the Tasks module.</summary>
public interface ITaskDirectory
{
    /// <summary>A lead's tasks, soonest due first.</summary>
    Task<IReadOnlyList<TaskSummary>> ForLeadAsync(Guid leadId, CancellationToken cancellationToken);
}
