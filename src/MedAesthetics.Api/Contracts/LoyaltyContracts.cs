using MedAesthetics.Api.Platform.Outbox;
using NodaTime;

namespace MedAesthetics.Api.Contracts;

/// <summary>A client's tier moved up or down (tier names in snake_case: bronze, silver, gold, platinum); Notifications tells the client.</summary>
public sealed record LoyaltyTierChanged(Guid ClientId, string PreviousTier, string NewTier, int TrailingPoints) : IIntegrationEvent;

/// <summary>Points of one earn lot expire soon (raised once per lot, 30 days ahead); Notifications tells the client.</summary>
public sealed record LoyaltyPointsExpiring(Guid ClientId, Guid LotId, int Points, Instant ExpiresAt) : IIntegrationEvent;
