namespace MedAesthetics.Api.Modules.Loyalty;

/// <summary>Decided by the points earned in the trailing 12 months (<see cref="LoyaltyRules.TierFor"/>).</summary>
public enum LoyaltyTier
{
    Bronze,
    Silver,
    Gold,
    Platinum,
}
