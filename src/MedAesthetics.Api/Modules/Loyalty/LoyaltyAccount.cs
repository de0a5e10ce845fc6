using MedAesthetics.Api.Platform.Persistence;

namespace MedAesthetics.Api.Modules.Loyalty;

/// <summary>
/// One client's loyalty account: the running balance the ledger must always sum to, the tier in force and the
/// referral code. Its row is locked (FOR UPDATE) by every transaction that writes a ledger entry, which serialises them.
/// </summary>
public sealed class LoyaltyAccount : Entity
{
    private LoyaltyAccount() { }

    public Guid ClientId { get; private set; }
    public long Balance { get; private set; }
    /// <summary>Every point ever earned (earn entries, referral bonuses included; adjustments are corrections and do not count).</summary>
    public long LifetimePoints { get; private set; }
    public LoyaltyTier Tier { get; private set; }
    /// <summary>Null only after the client's erasure.</summary>
    public string? ReferralCode { get; private set; }
    public Guid? ReferredByClientId { get; private set; }
    /// <summary>How many entries the ledger holds for this client: the sequence number of the last one.</summary>
    public long EntryCount { get; private set; }

    /// <summary>An account in memory; the ledger creates rows with INSERT ... ON CONFLICT so two creators cannot collide.</summary>
    internal static LoyaltyAccount Open(Guid clientId, string referralCode) => new() { ClientId = clientId, ReferralCode = referralCode };

    internal long NextSequence() => ++EntryCount;

    internal void Credit(int points, bool earned)
    {
        Balance += points;
        if (earned)
            LifetimePoints += points;
    }

    internal void Debit(int points)
    {
        if (points > Balance)
            throw new InvalidOperationException($"A debit of {points} would overdraw a balance of {Balance}.");
        Balance -= points;
    }

    /// <returns>the previous tier when it changed, else null.</returns>
    internal LoyaltyTier? MoveTo(LoyaltyTier tier)
    {
        if (tier == Tier)
            return null;
        var previous = Tier;
        Tier = tier;
        return previous;
    }

    /// <summary>Links the account to the client whose referral code it registered with, once and never to itself.</summary>
    internal bool ReferredBy(Guid referrerId)
    {
        if (ReferredByClientId is not null || referrerId == ClientId)
            return false;
        ReferredByClientId = referrerId;
        return true;
    }
}
