using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Booking;

/// <summary>Appointment figures for reports: one GROUP BY status over appointments starting in the period.</summary>
public sealed class BookingFigures(AppDbContext db) : IBookingFigures
{
    private sealed class Row
    {
        public string Status { get; init; } = "";
        public long Count { get; init; }
        public decimal Paid { get; init; }
    }

    public async Task<AppointmentFigures> ForPeriodAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        var all = period.ClinicId is null;
        var clinic = period.ClinicId ?? Guid.Empty;
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT status AS "Status", count(*) AS "Count", coalesce(sum(amount_paid) FILTER (WHERE status = 'completed'), 0) AS "Paid"
            FROM appointments
            WHERE start >= {period.From} AND start < {period.To}
              AND status IN ('confirmed', 'completed', 'cancelled', 'no_show')
              AND ({all} OR clinic_id = {clinic})
            GROUP BY status
            """).ToListAsync(cancellationToken);
        var byStatus = AppointmentStatuses.Visible.ToDictionary(s => EnumColumns.ToText(s), s => rows.FirstOrDefault(r => r.Status == EnumColumns.ToText(s))?.Count ?? 0L);
        return new AppointmentFigures(rows.Sum(r => r.Count), byStatus, decimal.Round(rows.Sum(r => r.Paid), 2) + 0.00m);
    }
}
