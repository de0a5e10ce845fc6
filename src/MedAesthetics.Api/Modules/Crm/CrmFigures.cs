using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>
/// CRM figures for reports, each one SQL statement aggregating in PostgreSQL. Leads count when created in the period
/// (soft-deleted ones left out); campaign metrics follow <see cref="CampaignMetrics"/> (duplicates left out, spend by
/// spend day, revenue of converted leads in the campaign's currency); revenue is what completed appointments paid.
/// </summary>
public sealed class CrmFigures(AppDbContext db) : ICrmFigures
{
    private sealed class CountRow
    {
        public string Source { get; init; } = "";
        public string Status { get; init; } = "";
        public long Count { get; init; }
    }

    private sealed class CampaignRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Currency { get; init; } = "";
        public decimal Spend { get; init; }
        public int Leads { get; init; }
        public int Converted { get; init; }
        public decimal Revenue { get; init; }
    }

    private sealed class SalespersonRow
    {
        public Guid Id { get; init; }
        public long Handled { get; init; }
        public long Converted { get; init; }
        public decimal Revenue { get; init; }
    }

    public async Task<LeadFigures> LeadsAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        var (all, clinic) = Clinic(period);
        var rows = await db.Database.SqlQuery<CountRow>($"""
            SELECT source AS "Source", status AS "Status", count(*) AS "Count"
            FROM leads
            WHERE deleted_at IS NULL AND created_at >= {period.From} AND created_at < {period.To} AND ({all} OR clinic_id = {clinic})
            GROUP BY source, status
            """).ToListAsync(cancellationToken);
        var total = rows.Sum(r => r.Count);
        var converted = rows.Where(r => r.Status == EnumColumns.ToText(LeadStatus.Converted)).Sum(r => r.Count);
        return new LeadFigures(
            total,
            Enum.GetValues<LeadSource>().ToDictionary(s => EnumColumns.ToText(s), s => rows.Where(r => r.Source == EnumColumns.ToText(s)).Sum(r => r.Count)),
            Enum.GetValues<LeadStatus>().ToDictionary(s => EnumColumns.ToText(s), s => rows.Where(r => r.Status == EnumColumns.ToText(s)).Sum(r => r.Count)),
            total == 0 ? null : decimal.Round((decimal)converted / total, CampaignMetrics.RatioDecimals, MidpointRounding.AwayFromZero));
    }

    public async Task<IReadOnlyList<CampaignReportFigures>> CampaignsAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        var (all, clinic) = Clinic(period);
        var rows = await db.Database.SqlQuery<CampaignRow>($"""
            WITH period_leads AS (
                SELECT id, campaign_id, status FROM leads
                WHERE deleted_at IS NULL AND duplicate_of_id IS NULL AND campaign_id IS NOT NULL
                  AND created_at >= {period.From} AND created_at < {period.To})
            SELECT c.id AS "Id", c.name AS "Name", c.currency AS "Currency",
                   coalesce((SELECT sum(s.amount) FROM ad_spend_logs s WHERE s.campaign_id = c.id AND s.currency = c.currency
                             AND s.spent_on >= {period.FromDate} AND s.spent_on <= {period.ToDate}), 0) AS "Spend",
                   (SELECT count(*)::int FROM period_leads l WHERE l.campaign_id = c.id) AS "Leads",
                   (SELECT count(*)::int FROM period_leads l WHERE l.campaign_id = c.id AND l.status = 'converted') AS "Converted",
                   coalesce((SELECT sum(a.amount_paid) FROM lead_appointments a JOIN period_leads l ON l.id = a.lead_id
                             WHERE l.campaign_id = c.id AND l.status = 'converted' AND a.completed_at IS NOT NULL AND a.currency = c.currency), 0) AS "Revenue"
            FROM ad_campaigns c
            WHERE {all} OR c.clinic_id = {clinic}
            ORDER BY c.name, c.id
            """).ToListAsync(cancellationToken);
        return rows.Select(r =>
        {
            var f = CampaignMetrics.Compute(r.Spend, r.Leads, r.Converted, r.Revenue);
            return new CampaignReportFigures(r.Id, r.Name, r.Currency, f.Spend, f.Leads, f.ConvertedLeads, f.CostPerLead, f.ConversionRate, f.Revenue, f.Roas);
        }).ToList();
    }

    public async Task<IReadOnlyList<SalespersonReportFigures>> SalespeopleAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        var (all, clinic) = Clinic(period);
        var rows = await db.Database.SqlQuery<SalespersonRow>($"""
            SELECT l.assigned_to_id AS "Id", count(*) AS "Handled", count(*) FILTER (WHERE l.status = 'converted') AS "Converted",
                   coalesce(sum(paid.amount), 0) AS "Revenue"
            FROM leads l
            LEFT JOIN LATERAL (SELECT sum(a.amount_paid) AS amount FROM lead_appointments a
                               WHERE a.lead_id = l.id AND a.completed_at IS NOT NULL) paid ON true
            WHERE l.deleted_at IS NULL AND l.assigned_to_id IS NOT NULL
              AND l.created_at >= {period.From} AND l.created_at < {period.To} AND ({all} OR l.clinic_id = {clinic})
            GROUP BY l.assigned_to_id
            ORDER BY l.assigned_to_id
            """).ToListAsync(cancellationToken);
        return rows.Select(r => new SalespersonReportFigures(r.Id, r.Handled, r.Converted, decimal.Round(r.Revenue, 2) + 0.00m)).ToList();
    }

    private static (bool All, Guid Clinic) Clinic(ReportPeriod period) => (period.ClinicId is null, period.ClinicId ?? Guid.Empty);
}
