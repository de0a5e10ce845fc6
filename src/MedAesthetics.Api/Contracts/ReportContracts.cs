using NodaTime;

namespace MedAesthetics.Api.Contracts;

/// <summary>A report's period: [From, To) as instants (whole local days of the platform timezone) and the days themselves, optionally one clinic.</summary>
public sealed record ReportPeriod(Instant From, Instant To, LocalDate FromDate, LocalDate ToDate, Guid? ClinicId);

/// <summary>Leads created in the period: how many, by source and status (snake_case keys), and the share converted (null without leads).</summary>
public sealed record LeadFigures(long Total, IReadOnlyDictionary<string, long> BySource, IReadOnlyDictionary<string, long> ByStatus, decimal? ConversionRate);

/// <summary>One campaign's CRM metrics over the period.</summary>
public sealed record CampaignReportFigures(
    Guid CampaignId, string Name, string Currency, decimal Spend, long Leads, long ConvertedLeads, decimal? CostPerLead,
    decimal? ConversionRate, decimal Revenue, decimal? Roas);

/// <summary>One salesperson's leads created in the period: handled (assigned), converted, and what their completed appointments paid.</summary>
public sealed record SalespersonReportFigures(Guid SalespersonId, long LeadsHandled, long Converted, decimal Revenue);

/// <summary>What the Admin module's reports ask the CRM; each answer is a set-based query or two.</summary>
public interface ICrmFigures
{
    Task<LeadFigures> LeadsAsync(ReportPeriod period, CancellationToken cancellationToken);
    Task<IReadOnlyList<CampaignReportFigures>> CampaignsAsync(ReportPeriod period, CancellationToken cancellationToken);
    Task<IReadOnlyList<SalespersonReportFigures>> SalespeopleAsync(ReportPeriod period, CancellationToken cancellationToken);
}

/// <summary>Appointments starting in the period (holds left out): how many, by status, and the amounts paid for completed ones.</summary>
public sealed record AppointmentFigures(long Total, IReadOnlyDictionary<string, long> ByStatus, decimal Revenue);

public interface IBookingFigures
{
    Task<AppointmentFigures> ForPeriodAsync(ReportPeriod period, CancellationToken cancellationToken);
}
