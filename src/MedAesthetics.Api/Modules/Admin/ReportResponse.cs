using MedAesthetics.Api.Contracts;
using NodaTime;

namespace MedAesthetics.Api.Modules.Admin;

public sealed record ReportResponse(
    LocalDate From, LocalDate To, string Timezone, Guid? ClinicId,
    LeadFigures Leads, AppointmentFigures Appointments, LoyaltyFigures Loyalty,
    IReadOnlyList<CampaignReportFigures> Campaigns, IReadOnlyList<SalespersonReportFigures> Salespeople);
