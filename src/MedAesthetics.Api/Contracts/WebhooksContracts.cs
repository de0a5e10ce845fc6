using MedAesthetics.Api.Platform.Outbox;
using NodaTime;

namespace MedAesthetics.Api.Contracts;

/// <summary>
/// An outgoing webhook endpoint was disabled after its deliveries had failed, without a success, for AfterHours; the
/// Notifications module tells the users named (the endpoint's owner and, for a clinic's endpoint, the clinic's owner).
/// </summary>
public sealed record WebhookEndpointDisabled(Guid EndpointId, string Url, Guid? ClinicId, IReadOnlyList<Guid> NotifyUserIds, Instant FailingSince, int AfterHours)
    : IIntegrationEvent;
