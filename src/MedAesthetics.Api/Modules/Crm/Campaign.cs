using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

public enum CampaignChannel
{
    Facebook,
    Instagram,
    Google,
    Tiktok,
    Other,
}

/// <summary>An ad campaign (the seed's ad_campaigns table): who runs it, for which clinic, with what budget.</summary>
public sealed class Campaign : Entity
{
    private Campaign() { }

    public string Name { get; private set; } = "";
    public CampaignChannel Channel { get; private set; }
    public Guid? ClinicId { get; private set; }
    /// <summary>The salesperson who owns it (owner_agent_id).</summary>
    public Guid? OwnerAgentId { get; private set; }
    public LocalDate? StartsOn { get; private set; }
    public LocalDate? EndsOn { get; private set; }
    public decimal? Budget { get; private set; }
    public string Currency { get; private set; } = "EUR";

    public static Campaign Create(string name, CampaignChannel channel, Guid? clinicId, Guid? ownerAgentId, LocalDate? startsOn, LocalDate? endsOn, decimal? budget, string currency) =>
        new()
        {
            Name = name.Trim(), Channel = channel, ClinicId = clinicId, OwnerAgentId = ownerAgentId, StartsOn = startsOn, EndsOn = endsOn,
            Budget = budget, Currency = currency.ToUpperInvariant(),
        };
}
