using System.Globalization;
using MedAesthetics.Api.Modules.Crm;

namespace MedAesthetics.UnitTests.Crm;

public sealed class CampaignMetricsTests
{
    [Fact]
    public void Cost_per_lead_is_spend_over_leads_rounded_half_away_from_zero_to_2_decimals()
    {
        Assert.Equal(33.33m, CampaignMetrics.Compute(100m, 3, 0, 0m).CostPerLead);
        Assert.Equal(66.67m, CampaignMetrics.Compute(200m, 3, 0, 0m).CostPerLead);
        // 10.01 / 2 = 5.005: half away from zero gives 5.01 where banker's rounding would give 5.00.
        Assert.Equal(5.01m, CampaignMetrics.Compute(10.01m, 2, 0, 0m).CostPerLead);
    }

    [Fact]
    public void Conversion_rate_is_converted_over_leads_as_a_fraction_rounded_to_4_decimals()
    {
        Assert.Equal(0.3333m, CampaignMetrics.Compute(0m, 3, 1, 0m).ConversionRate);
        Assert.Equal(0.6667m, CampaignMetrics.Compute(0m, 3, 2, 0m).ConversionRate);
        Assert.Equal(1m, CampaignMetrics.Compute(0m, 4, 4, 0m).ConversionRate);
        // 1 / 32 = 0.03125: half away from zero gives 0.0313, banker's 0.0312.
        Assert.Equal(0.0313m, CampaignMetrics.Compute(0m, 32, 1, 0m).ConversionRate);
    }

    [Fact]
    public void Roas_is_revenue_over_spend_rounded_half_away_from_zero_to_4_decimals()
    {
        Assert.Equal(2.35m, CampaignMetrics.Compute(200m, 1, 1, 470m).Roas);
        Assert.Equal(1.5661m, CampaignMetrics.Compute(300.10m, 1, 1, 470m).Roas);
        Assert.Equal(0.0313m, CampaignMetrics.Compute(32m, 1, 1, 1m).Roas);
        Assert.Equal(0m, CampaignMetrics.Compute(10m, 0, 0, 0m).Roas);
    }

    [Fact]
    public void Spend_and_revenue_are_passed_through_with_two_decimals()
    {
        var figures = CampaignMetrics.Compute(12.5m, 1, 1, 7m);

        Assert.Equal("12.50", figures.Spend.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("7.00", figures.Revenue.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("12.50", figures.CostPerLead!.Value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(1, figures.Leads);
        Assert.Equal(1, figures.ConvertedLeads);
    }

    [Fact]
    public void Without_leads_cost_per_lead_and_conversion_rate_are_null_not_an_error()
    {
        var figures = CampaignMetrics.Compute(10m, 0, 0, 0m);

        Assert.Null(figures.CostPerLead);
        Assert.Null(figures.ConversionRate);
        Assert.Equal(10m, figures.Spend);
    }

    [Fact]
    public void Without_spend_roas_is_null_and_cost_per_lead_is_zero()
    {
        var figures = CampaignMetrics.Compute(0m, 3, 1, 90m);

        Assert.Null(figures.Roas);
        Assert.Equal(0m, figures.CostPerLead);
        Assert.Equal(0.3333m, figures.ConversionRate);
        Assert.Equal(90m, figures.Revenue);
    }

    [Fact]
    public void Nothing_at_all_gives_zeros_and_nulls()
    {
        Assert.Equal(new CampaignFigures(0m, 0, 0, null, null, 0m, null), CampaignMetrics.Compute(0m, 0, 0, 0m));
    }

    [Theory]
    [InlineData(-1, 1, 0, 0)]
    [InlineData(0, -1, 0, 0)]
    [InlineData(0, 1, -1, 0)]
    [InlineData(0, 1, 2, 0)]
    [InlineData(0, 1, 0, -1)]
    public void Impossible_totals_are_refused(int spend, int leads, int converted, int revenue)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CampaignMetrics.Compute(spend, leads, converted, revenue));
    }
}
