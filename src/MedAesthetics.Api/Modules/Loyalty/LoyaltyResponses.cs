using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Loyalty;

public sealed record ExpiringPoints(int Points, Instant ExpiresAt);

public sealed record LoyaltyAccountResponse(
    Guid ClientId, long Balance, long LifetimePoints, string Tier, string? NextTier, long? PointsToNextTier,
    IReadOnlyList<ExpiringPoints> ExpiringPoints, string? ReferralCode, long TrailingPoints);

public sealed record RedemptionResponse(Guid TransactionId, int Points, Money Discount, long Balance)
{
    public static RedemptionResponse From(LoyaltyRedemption r) => new(r.EntryId, r.Points, Money.Of(r.Discount, r.Currency), r.BalanceAfter);
}

public sealed record LoyaltyEntryResponse(
    Guid Id, string Type, int Points, long BalanceAfter, string? Reason, Guid? AppointmentId, Instant CreatedAt, Instant? ExpiresAt, int? Remaining)
{
    public static LoyaltyEntryResponse From(LoyaltyEntry e) =>
        new(e.Id, EnumColumns.ToText(e.Type), e.Points, e.BalanceAfter, e.Reason, e.AppointmentId, e.CreatedAt, e.ExpiresAt, e.Remaining);
}
