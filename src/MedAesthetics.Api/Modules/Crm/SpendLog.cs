using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>Money spent on a campaign on one day (the seed's ad_spend_logs table).</summary>
public sealed class SpendLog : Entity
{
    private SpendLog() { }

    public Guid CampaignId { get; private set; }
    public LocalDate SpentOn { get; private set; }
    public decimal Amount { get; private set; }
    public string Currency { get; private set; } = "EUR";
    public Guid? LoggedBy { get; private set; }

    public static SpendLog Record(Guid campaignId, LocalDate spentOn, decimal amount, string currency, Guid? loggedBy) =>
        new() { CampaignId = campaignId, SpentOn = spentOn, Amount = amount, Currency = currency.ToUpperInvariant(), LoggedBy = loggedBy };
}
