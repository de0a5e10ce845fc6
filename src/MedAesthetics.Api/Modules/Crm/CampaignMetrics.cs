using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>A campaign's figures for a date range, rounded for display: amounts to 2 decimals, ratios to 4; a ratio over zero is null.</summary>
public sealed record CampaignFigures(
    decimal Spend, int Leads, int ConvertedLeads, decimal? CostPerLead, decimal? ConversionRate, decimal Revenue, decimal? Roas);

/// <summary>The campaign metrics of docs/rules.md: cost per lead = spend / leads, conversion rate = converted / leads, ROAS = revenue / spend.</summary>
public static class CampaignMetrics
{
    public const int AmountDecimals = 2;
    public const int RatioDecimals = 4;

    /// <summary>Pure: the raw totals in, the rounded figures out; division by zero gives null.</summary>
    public static CampaignFigures Compute(decimal spend, int leads, int convertedLeads, decimal revenue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(spend);
        ArgumentOutOfRangeException.ThrowIfNegative(leads);
        ArgumentOutOfRangeException.ThrowIfNegative(convertedLeads);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(convertedLeads, leads);
        ArgumentOutOfRangeException.ThrowIfNegative(revenue);

        return new CampaignFigures(
            Spend: Amount(spend),
            Leads: leads,
            ConvertedLeads: convertedLeads,
            CostPerLead: leads == 0 ? null : Amount(spend / leads),
            ConversionRate: leads == 0 ? null : Ratio((decimal)convertedLeads / leads),
            Revenue: Amount(revenue),
            Roas: spend == 0 ? null : Ratio(revenue / spend));
    }

    // Adding 0.00m keeps two decimals in the JSON (12.50, not 12.5) without changing the value.
    private static decimal Amount(decimal value) => decimal.Round(value, AmountDecimals, MidpointRounding.AwayFromZero) + 0.00m;

    private static decimal Ratio(decimal value) => decimal.Round(value, RatioDecimals, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Three aggregate queries: spend logged on [from, to]; leads created from the start of <paramref name="from"/> to the end of
    /// <paramref name="to"/> in <paramref name="zone"/> and how many are converted; what their completed appointments paid.
    /// </summary>
    public static async Task<CampaignFigures> LoadAsync(AppDbContext db, Campaign campaign, LocalDate from, LocalDate to, DateTimeZone zone, CancellationToken cancellationToken)
    {
        var campaignId = campaign.Id;
        var currency = campaign.Currency;
        var start = from.AtStartOfDayInZone(zone).ToInstant();
        var end = to.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();

        var spend = await db.Set<SpendLog>().AsNoTracking()
            .Where(s => s.CampaignId == campaignId && s.SpentOn >= from && s.SpentOn <= to && s.Currency == currency)
            .SumAsync(s => s.Amount, cancellationToken);

        // Duplicates (DuplicateOfId set) are the same person coming back, so they are not counted as new leads; soft-deleted leads are left out by the query filter.
        var leads = db.Set<Lead>().AsNoTracking()
            .Where(l => l.CampaignId == campaignId && l.DuplicateOfId == null && l.CreatedAt >= start && l.CreatedAt < end);
        var counts = await leads
            .GroupBy(_ => 1)
            .Select(g => new { Leads = g.Count(), Converted = g.Count(l => l.Status == LeadStatus.Converted) })
            .SingleOrDefaultAsync(cancellationToken);

        // Revenue in another currency than the campaign's cannot be added to it, so only the campaign's currency counts.
        var revenue = await db.Set<LeadAppointment>().AsNoTracking()
            .Where(a => a.CompletedAt != null && a.AmountPaid != null && a.Currency == currency
                        && leads.Any(l => l.Id == a.LeadId && l.Status == LeadStatus.Converted))
            .SumAsync(a => a.AmountPaid!.Value, cancellationToken);

        return Compute(spend, counts?.Leads ?? 0, counts?.Converted ?? 0, revenue);
    }
}
