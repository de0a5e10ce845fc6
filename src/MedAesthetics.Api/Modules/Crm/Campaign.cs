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
    /// <summary>The Facebook lead forms and ads whose leads belong to this campaign (see <see cref="FacebookAttribution"/>).</summary>
    public List<string> FacebookFormIds { get; private set; } = [];
    public List<string> FacebookAdIds { get; private set; } = [];

    public static Campaign Create(string name, CampaignChannel channel, Guid? clinicId, Guid? ownerAgentId, LocalDate? startsOn, LocalDate? endsOn, decimal? budget, string currency) =>
        new()
        {
            Name = name.Trim(), Channel = channel, ClinicId = clinicId, OwnerAgentId = ownerAgentId, StartsOn = startsOn, EndsOn = endsOn,
            Budget = budget, Currency = currency.ToUpperInvariant(),
        };

    public void Rename(string name) => Name = name.Trim();

    /// <summary>Replaces the lists given (null leaves one as it is); duplicates are dropped, order kept.</summary>
    public void NameFacebookIds(IEnumerable<string>? formIds, IEnumerable<string>? adIds)
    {
        if (formIds is not null)
            FacebookFormIds = formIds.Distinct(StringComparer.Ordinal).ToList();
        if (adIds is not null)
            FacebookAdIds = adIds.Distinct(StringComparer.Ordinal).ToList();
    }
}
