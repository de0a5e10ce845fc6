using MedAesthetics.Api.Platform.Outbox;
using NodaTime;

namespace MedAesthetics.Api.Contracts;

/// <summary>A task was given to someone (by hand or by a rule); the Notifications module tells the assignee.</summary>
public sealed record TaskAssigned(Guid TaskId, Guid AssigneeId, string Title, Instant DueAt, Guid? LeadId, Guid? AppointmentId) : IIntegrationEvent;

/// <summary>A client is due to come back for a treatment (the service's repeatAfterDays passed with no later booking).</summary>
public sealed record RepeatTreatmentDue(Guid ClientId, Guid ServiceId, Guid ClinicId, Guid PreviousAppointmentId, Instant DueAt) : IIntegrationEvent;
