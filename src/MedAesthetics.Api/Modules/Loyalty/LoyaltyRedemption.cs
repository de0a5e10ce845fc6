using MedAesthetics.Api.Platform.Persistence;

namespace MedAesthetics.Api.Modules.Loyalty;

/// <summary>
/// A redemption's answer, kept under the caller's Idempotency-Key (unique per caller): a replay with the same request
/// returns it and spends nothing; the same key with another request is refused.
/// </summary>
public sealed class LoyaltyRedemption : Entity
{
    private LoyaltyRedemption() { }

    public Guid RequestedBy { get; private set; }
    public string IdempotencyKey { get; private set; } = "";
    /// <summary>The request the key was first used with, canonically written.</summary>
    public string RequestFingerprint { get; private set; } = "";
    public Guid ClientId { get; private set; }
    public Guid EntryId { get; private set; }
    public Guid? AppointmentId { get; private set; }
    public int Points { get; private set; }
    public decimal Discount { get; private set; }
    public string Currency { get; private set; } = "EUR";
    public long BalanceAfter { get; private set; }

    internal static LoyaltyRedemption Of(Guid requestedBy, string key, string fingerprint, LoyaltyEntry entry, int points, decimal discount, string currency) => new()
    {
        RequestedBy = requestedBy,
        IdempotencyKey = key,
        RequestFingerprint = fingerprint,
        ClientId = entry.ClientId,
        EntryId = entry.Id,
        AppointmentId = entry.AppointmentId,
        Points = points,
        Discount = discount,
        Currency = currency,
        BalanceAfter = entry.BalanceAfter,
    };
}
