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

    public async Task<AppointmentSummary?> FindAppointmentAsync(Guid appointmentId, CancellationToken cancellationToken) =>
        await db.Set<Appointment>().AsNoTracking()
            .Where(a => a.Id == appointmentId && AppointmentStatuses.Visible.Contains(a.Status))
            .Select(a => new { a.Id, a.ClientId, a.ClinicId, a.Status, a.Start })
            .SingleOrDefaultAsync(cancellationToken) is { } a
            ? new AppointmentSummary(a.Id, a.ClientId, a.ClinicId, EnumColumns.ToText(a.Status), a.Start)
            : null;

    public async Task<IReadOnlyList<Guid>> ClinicsOfClientAsync(Guid clientId, CancellationToken cancellationToken) =>
        await db.Set<Appointment>().AsNoTracking()
            .Where(a => a.ClientId == clientId && AppointmentStatuses.Visible.Contains(a.Status))
            .Select(a => a.ClinicId).Distinct().ToListAsync(cancellationToken);

    public async Task<IReadOnlySet<Guid>> ClientsWithAppointmentsAtAsync(IReadOnlyCollection<Guid> clinicIds, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        var clinics = clinicIds.ToList();
        var users = userIds.ToList();
        if (clinics.Count == 0 || users.Count == 0)
            return new HashSet<Guid>();
        return (await db.Set<Appointment>()
            .Where(a => clinics.Contains(a.ClinicId) && a.ClientId != null && users.Contains(a.ClientId.Value) && AppointmentStatuses.Visible.Contains(a.Status))
            .Select(a => a.ClientId!.Value).Distinct().ToListAsync(cancellationToken)).ToHashSet();
    }
}
