using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Booking;

/// <summary>The reads of appointments, filtered by <see cref="AppointmentAccess"/>.</summary>
public sealed class AppointmentQueries(AppDbContext db)
{
    public async Task<PageOf<AppointmentResponse>> ListAsync(AppointmentListQuery query, AccessScope scope, CancellationToken ct)
    {
        var list = db.Set<Appointment>().AsNoTracking().Where(AppointmentAccess.VisibleTo(scope));
        if (query.ClinicId is { } clinicId) list = list.Where(a => a.ClinicId == clinicId);
        if (query.ProviderId is { } providerId) list = list.Where(a => a.ProviderId == providerId);
        if (query.ClientId is { } clientId) list = list.Where(a => a.ClientId == clientId);
        if (query.StatusFilter is { } status) list = list.Where(a => a.Status == status);
        if (query.FromInstant is { } from) list = list.Where(a => a.Start >= from);
        if (query.ToInstant is { } to) list = list.Where(a => a.Start < to);
        var page = await list.OrderBy(a => a.Start).ThenBy(a => a.Id).ToPageAsync(query.Paging, ct);
        return page.Map(a => AppointmentResponse.From(a));
    }

    public async Task<Outcome<AppointmentResponse>> FindAsync(Guid id, AccessScope scope, CancellationToken ct) =>
        await db.Set<Appointment>().AsNoTracking().Where(AppointmentAccess.VisibleTo(scope)).SingleOrDefaultAsync(a => a.Id == id, ct) is { } appointment
            ? AppointmentResponse.From(appointment)
            : Error.NotFound("There is no such appointment.");
}
