using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using NodaTime;

namespace MedAesthetics.Api.Modules.Admin;

/// <summary>
/// The business report: every module computes its own figures in PostgreSQL behind a contract (ICrmFigures,
/// IBookingFigures, ILoyaltyFigures); this only decides the period and who may see which clinic.
/// </summary>
public sealed class ReportService(
    ICrmFigures crm, IBookingFigures booking, ILoyaltyFigures loyalty, IClinicDirectory clinics, IPlatformSettings platformSettings, IClock clock,
    AppDbContext db)
{
    public async Task<Outcome<ReportResponse>> BuildAsync(ReportQuery query, AccessScope scope, CancellationToken cancellationToken)
    {
        // The modules' figures are read through this request's DbContext: one connection for the five queries.
        await using var connection = await db.Database.HoldConnectionAsync(cancellationToken);
        if (!scope.IsAdmin && query.ClinicId is null)
            return Error.Invalid("clinicId", "A clinic owner asks for the report of one of its clinics (clinicId).");
        if (query.ClinicId is { } clinicId
            && (!scope.ManagesClinic(clinicId) || await clinics.FindClinicAsync(clinicId, cancellationToken) is null))
            return Error.NotFound("There is no such clinic.");

        var timezone = (await platformSettings.GetAsync(cancellationToken)).DefaultTimezone;
        var zone = DateTimeZoneProviders.Tzdb[timezone];
        var (fromDate, toDate) = query.Resolve(clock.GetCurrentInstant().InZone(zone).Date);
        var from = fromDate.AtStartOfDayInZone(zone).ToInstant();
        var to = toDate.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
        var period = new ReportPeriod(from, to, fromDate, toDate, query.ClinicId);

        return new ReportResponse(
            fromDate, toDate, timezone, query.ClinicId,
            await crm.LeadsAsync(period, cancellationToken),
            await booking.ForPeriodAsync(period, cancellationToken),
            await loyalty.ForPeriodAsync(from, to, query.ClinicId, cancellationToken),
            await crm.CampaignsAsync(period, cancellationToken),
            await crm.SalespeopleAsync(period, cancellationToken));
    }
}
