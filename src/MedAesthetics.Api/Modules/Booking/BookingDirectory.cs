using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Booking;

/// <summary>The Booking module's answers to other modules.</summary>
public sealed class BookingDirectory(AppDbContext db) : IBookingDirectory
{
    public Task<bool> HasBookingAfterAsync(Guid clientId, Guid serviceId, Instant after, CancellationToken cancellationToken) =>
        db.Set<Appointment>().AnyAsync(a => a.ClientId == clientId && a.ServiceId == serviceId && a.Start > after
                                            && (a.Status == AppointmentStatus.Confirmed || a.Status == AppointmentStatus.Completed), cancellationToken);

    public async Task<AppointmentFacts?> FindVisibleAsync(Guid appointmentId, AccessScope scope, CancellationToken cancellationToken) =>
        (await db.Set<Appointment>().AsNoTracking().Where(AppointmentAccess.VisibleTo(scope))
            .SingleOrDefaultAsync(a => a.Id == appointmentId, cancellationToken))?.Facts();
}
