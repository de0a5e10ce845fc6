using System.Data.Common;
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
    private sealed record CountRow(string Source, string Status, long Count)
    {
        public static CountRow Read(DbDataReader r) => new(r.GetString(0), r.GetString(1), r.GetInt64(2));
    }

    private sealed record CampaignRow(Guid Id, string Name, string Currency, decimal Spend, int Leads, int Converted, decimal Revenue)
    {
        public static CampaignRow Read(DbDataReader r) =>
            new(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetDecimal(3), r.GetInt32(4), r.GetInt32(5), r.GetDecimal(6));
    }

    private sealed record SalespersonRow(Guid Id, long Handled, long Converted, decimal Revenue)
    {
        public static SalespersonRow Read(DbDataReader r) => new(r.GetGuid(0), r.GetInt64(1), r.GetInt64(2), r.GetDecimal(3));
    }

    /// <summary>The statements' parameters in the order of their positions ($1 is the first); before the statements, which
    /// are rewritten with them when the class is initialised.</summary>
    private static readonly string[] ParameterNames =
        ["live_from", "hours_from", "days_from", "days_to", "days_from_date", "days_to_date", "weeks_from_date", "weeks_to_date",
         "hours_to", "live_to", "from_date", "to_date", "all", "clinic"];

    /// <summary>
    /// A CTE <c>figures</c> of the period's leads (not soft-deleted) with the given columns and a <c>leads</c> count, summed
    /// from the weekly, daily and hourly figures of one kind (see the LeadFigures and LeadWeeklyFigures migrations), the
    /// changes not yet compacted and,
    /// for the minutes no whole hour covers, the leads themselves (<see cref="LeadFigureSlices"/>). <paramref name="filter"/>
    /// is the kind's condition on a lead's detail (clinic_id, source, status, campaign_id, assigned_to_id, duplicate).
    /// Parameters: @live_from, @hours_from, @days_from, @days_to, @days_from_date, @weeks_from_date, @weeks_to_date,
    /// @days_to_date, @hours_to, @live_to.
    /// </summary>
    private static string PeriodFigures(int kind, string columns, string filter, bool edges) => $"""
        WITH figures AS (
            SELECT {columns}, leads FROM lead_weekly_figures WHERE kind = {kind} AND week >= @weeks_from_date AND week < @weeks_to_date
            UNION ALL
            SELECT {columns}, leads FROM lead_daily_figures WHERE kind = {kind} AND day >= @days_from_date AND day < @weeks_from_date
            UNION ALL
            SELECT {columns}, leads FROM lead_daily_figures WHERE kind = {kind} AND day >= @weeks_to_date AND day < @days_to_date
            UNION ALL
            SELECT {columns}, leads FROM lead_hourly_figures WHERE kind = {kind} AND hour >= @hours_from AND hour < @days_from
            UNION ALL
            SELECT {columns}, leads FROM lead_hourly_figures WHERE kind = {kind} AND hour >= @days_to AND hour < @hours_to
            UNION ALL
            SELECT {columns}, leads FROM lead_figure_changes WHERE ({filter}) AND hour >= @hours_from AND hour < @hours_to{(edges ? $"""

            UNION ALL
            SELECT {columns}, 1 FROM (
                SELECT clinic_id, source, status, campaign_id, assigned_to_id, duplicate_of_id IS NOT NULL AS duplicate FROM leads
                WHERE deleted_at IS NULL
                  AND ((created_at >= @live_from AND created_at < @hours_from) OR (created_at >= @hours_to AND created_at < @live_to))) edge
            WHERE {filter}
            """ : "")}
        )
        """;

    private static string SourceFigures(bool edges) => PeriodFigures(1, "clinic_id, source, status", "true", edges);
    private static string CampaignFigures(bool edges) => PeriodFigures(2, "campaign_id, status", "campaign_id IS NOT NULL AND NOT duplicate", edges);
    private static string SalespersonFigures(bool edges) => PeriodFigures(3, "clinic_id, assigned_to_id, status", "assigned_to_id IS NOT NULL", edges);

    /// <summary>
    /// Each statement in two versions, without and with the branch that reads the edge minutes from <c>leads</c>: a period
    /// whose ends fall on whole hours (any zone with a whole-hour offset) has no edge, and planning that branch (the leads
    /// table and its indexes) was about a third of planning the statement. <see cref="Version"/> picks one.
    /// </summary>
    /// <remarks>
    /// The version without the edge branch is prepared (<see cref="PreparedStatements"/>): its generic plans executed as
    /// fast as the custom ones at a million leads (the version with the branch, whose generic plan scanned leads badly, is
    /// planned every time), so PostgreSQL may skip planning it, 0.3-0.7 ms per statement.
    /// </remarks>
    private static string[] BothVersions(Func<bool, string> sql) => [PreparedStatements.Marker + Positional(sql(false)), Positional(sql(true))];

    private static readonly string[] LeadsSql = BothVersions(edges => SourceFigures(edges) + """
            SELECT source AS "Source", status AS "Status", sum(leads)::bigint AS "Count"
            FROM figures WHERE (@all OR clinic_id = @clinic)
            GROUP BY source, status
            HAVING sum(leads) <> 0
            """);

    private static readonly string[] CampaignsSql = BothVersions(edges => CampaignFigures(edges) + """
            , counts AS (
                SELECT campaign_id, sum(leads) AS leads, sum(leads) FILTER (WHERE status = 'converted') AS converted
                FROM figures
                GROUP BY campaign_id)
            SELECT c.id AS "Id", c.name AS "Name", c.currency AS "Currency",
                   coalesce((SELECT sum(s.amount) FROM ad_spend_logs s WHERE s.campaign_id = c.id AND s.currency = c.currency
                             AND s.spent_on >= @from_date AND s.spent_on <= @to_date), 0) AS "Spend",
                   coalesce(n.leads, 0)::int AS "Leads",
                   coalesce(n.converted, 0)::int AS "Converted",
                   coalesce((SELECT sum(a.amount_paid) FROM lead_appointments a JOIN leads l ON l.id = a.lead_id
                             WHERE l.campaign_id = c.id AND l.deleted_at IS NULL AND l.duplicate_of_id IS NULL AND l.status = 'converted'
                               AND l.created_at >= @live_from AND l.created_at < @live_to
                               AND a.completed_at IS NOT NULL AND a.currency = c.currency), 0) AS "Revenue"
            FROM ad_campaigns c LEFT JOIN counts n ON n.campaign_id = c.id
            WHERE @all OR c.clinic_id = @clinic
            ORDER BY c.name, c.id
            """);

    private static readonly string[] SalespeopleSql = BothVersions(edges => SalespersonFigures(edges) + """
            , counts AS (
                SELECT assigned_to_id, sum(leads) AS handled, sum(leads) FILTER (WHERE status = 'converted') AS converted
                FROM figures WHERE (@all OR clinic_id = @clinic)
                GROUP BY assigned_to_id),
            revenue AS (
                SELECT l.assigned_to_id, sum(a.amount_paid) AS amount
                FROM lead_appointments a JOIN leads l ON l.id = a.lead_id
                WHERE a.completed_at IS NOT NULL AND l.deleted_at IS NULL AND l.assigned_to_id IS NOT NULL
                  AND l.created_at >= @live_from AND l.created_at < @live_to AND (@all OR l.clinic_id = @clinic)
                GROUP BY l.assigned_to_id)
            SELECT n.assigned_to_id AS "Id", n.handled::bigint AS "Handled", coalesce(n.converted, 0)::bigint AS "Converted",
                   coalesce(r.amount, 0) AS "Revenue"
            FROM counts n LEFT JOIN revenue r ON r.assigned_to_id = n.assigned_to_id
            WHERE n.handled <> 0
            ORDER BY n.assigned_to_id
            """);

    public async Task<LeadFigures> LeadsAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        var rows = await FiguresAsync(LeadsSql, period, CountRow.Read, cancellationToken);
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
        // Counts from the figures; revenue from the (few) completed appointments of the period's converted leads.
        var rows = await FiguresAsync(CampaignsSql, period, CampaignRow.Read, cancellationToken);
        return rows.Select(r =>
        {
            var f = CampaignMetrics.Compute(r.Spend, r.Leads, r.Converted, r.Revenue);
            return new CampaignReportFigures(r.Id, r.Name, r.Currency, f.Spend, f.Leads, f.ConvertedLeads, f.CostPerLead, f.ConversionRate, f.Revenue, f.Roas);
        }).ToList();
    }

    public async Task<IReadOnlyList<SalespersonReportFigures>> SalespeopleAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        var rows = await FiguresAsync(SalespeopleSql, period, SalespersonRow.Read, cancellationToken);
        return rows.Select(r => new SalespersonReportFigures(r.Id, r.Handled, r.Converted, decimal.Round(r.Revenue, 2) + 0.00m)).ToList();
    }

    /// <summary>A statement written with @names, with each name replaced by its position (longest names first, as some begin others).</summary>
    private static string Positional(string sql)
    {
        foreach (var name in ParameterNames.OrderByDescending(n => n.Length))
            sql = sql.Replace("@" + name, "$" + (Array.IndexOf(ParameterNames, name) + 1), StringComparison.Ordinal);
        return sql;
    }

    /// <summary>
    /// The rows of the version of a statement the period needs (with the edge branch only when it has edge minutes), run as
    /// a command on the context's connection rather than through EF: EF does not cache a raw SQL query that takes
    /// parameters, so it wrote each statement's text again for every report (about a third of a report's allocations),
    /// and Npgsql parsed named parameters again at each execution. With positional parameters the text is sent as it is;
    /// the marked version is prepared (<see cref="PreparedStatements"/>), so a connection parses it once.
    /// </summary>
    private async Task<List<T>> FiguresAsync<T>(string[] versions, ReportPeriod period, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var slices = LeadFigureSlices.For(period.From, period.To);
        var sql = versions[slices.LiveFrom < slices.HoursFrom || slices.HoursTo < slices.LiveTo ? 1 : 0];
        await using var connection = await db.Database.HoldConnectionAsync(cancellationToken);
        await using var command = db.Database.CreatePositionalCommand(sql,
            slices.LiveFrom, slices.HoursFrom, slices.DaysFrom, slices.DaysTo, slices.DaysFromDate, slices.DaysToDate,
            slices.WeeksFromDate, slices.WeeksToDate, slices.HoursTo, slices.LiveTo, period.FromDate, period.ToDate,
            period.ClinicId is null, period.ClinicId ?? Guid.Empty);
        if (PreparedStatements.IsMarked(command))
            await command.PrepareAsync(cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(read(reader));
        return rows;
    }
}
