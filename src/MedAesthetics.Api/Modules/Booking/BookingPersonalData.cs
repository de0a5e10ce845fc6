using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Booking;

/// <summary>
/// Booking's share of GDPR: the person's appointments. On erasure they stay for the clinic's books (times, service,
/// price, amount paid, status) and lose their free text (notes, cancellation reason); the client id then points at the
/// anonymised account.
/// </summary>
public sealed class BookingPersonalData(AppDbContext db) : IPersonalDataSource
{
    public string Section => "appointments";

    public async Task<object> ExportAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        var appointments = await db.Set<Appointment>().AsNoTracking()
            .Where(a => a.ClientId == subject.UserId && AppointmentStatuses.Visible.Contains(a.Status))
            .OrderBy(a => a.Start).ToListAsync(cancellationToken);
        return appointments.Select(a => AppointmentResponse.From(a)).ToList();
    }

    public Task EraseAsync(DataSubject subject, CancellationToken cancellationToken) =>
        db.Set<Appointment>().Where(a => a.ClientId == subject.UserId).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Notes, (string?)null)
            .SetProperty(a => a.CancellationReason, (string?)null), cancellationToken);
}
