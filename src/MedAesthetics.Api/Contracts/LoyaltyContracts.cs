using MedAesthetics.Api.Platform.Outbox;
using NodaTime;

namespace MedAesthetics.Api.Contracts;

/// <summary>A client's tier moved up or down (tier names in snake_case: bronze, silver, gold, platinum); Notifications tells the client.</summary>
public sealed record LoyaltyTierChanged(Guid ClientId, string PreviousTier, string NewTier, int TrailingPoints) : IIntegrationEvent;

/// <summary>Points of one earn lot expire soon (raised once per lot, 30 days ahead); Notifications tells the client.</summary>
public sealed record LoyaltyPointsExpiring(Guid ClientId, Guid LotId, int Points, Instant ExpiresAt) : IIntegrationEvent;

/// <summary>Loyalty figures of a period for the Admin module's reports: points issued (earn, referral, positive adjustments), redeemed and expired.</summary>
public sealed record LoyaltyFigures(long Issued, long Redeemed, long Expired);

/// <summary>What the Admin module's reports ask the Loyalty module; clinicId limits to points earned or redeemed on that clinic's appointments.</summary>
public interface ILoyaltyFigures
{
    Task<LoyaltyFigures> ForPeriodAsync(Instant from, Instant to, Guid? clinicId, CancellationToken cancellationToken);
}

/// <summary>What the Identity module asks the Loyalty module at registration: whether a referral code belongs to a client.</summary>
public interface IReferralCodes
{
    Task<bool> ExistsAsync(string referralCode, CancellationToken cancellationToken);
}
