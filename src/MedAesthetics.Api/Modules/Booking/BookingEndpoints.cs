using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Booking;

public static class BookingEndpoints
{
    public static void MapBookingEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/availability").WithTags("Availability").WithValidation()
            .MapGet("", async Task<Results<Ok<AvailabilityResponse>, ProblemHttpResult>> ([AsParameters] AvailabilityQuery query, AvailabilityLoader loader, CancellationToken ct) =>
                (await loader.LoadAsync(query, ct)).ToResult(TypedResults.Ok))
            .AllowAnonymous()
            .WithSummary("Free slots of a service for one day or up to 31 days (days=), one provider or all");

        var appointments = routes.MapGroup("/appointments").WithTags("Appointments").WithValidation().RequireAuthorization();

        appointments.MapPost("/hold", async Task<Results<Created<HoldResponse>, ProblemHttpResult>> (
                HoldRequest request, Caller caller, AccessScopeProvider scopes, BookingService booking, CancellationToken ct) =>
                (await booking.HoldAsync(request, await scopes.ForAsync(caller, ct), ct)).ToResult(hold => TypedResults.Created($"/appointments/hold/{hold.HoldId}", hold)))
            .WithSummary("Hold a slot for 10 minutes; a slot already held or booked answers 409");

        appointments.MapPost("", async Task<Results<Created<AppointmentResponse>, ProblemHttpResult>> (
                BookRequest request, Caller caller, AccessScopeProvider scopes, BookingService booking, CancellationToken ct) =>
                (await booking.BookAsync(request, await scopes.ForAsync(caller, ct), ct)).ToResult(a => TypedResults.Created($"/appointments/{a.Id}", a)))
            .WithSummary("Confirm a hold (holdId), or as staff book without one; recurrence books a series and reports collisions");

        appointments.MapGet("", async Task<Ok<PageOf<AppointmentResponse>>> (
                [AsParameters] AppointmentListQuery query, Caller caller, AccessScopeProvider scopes, AppDbContext db, CancellationToken ct) =>
            {
                var scope = await scopes.ForAsync(caller, ct);
                var list = db.Set<Appointment>().AsNoTracking().Where(a => AppointmentStatuses.Visible.Contains(a.Status));
                if (caller.Role == UserRole.Client)
                    list = list.Where(a => a.ClientId == caller.UserId);
                else if (scope.ReachableClinics is { } clinicIds)
                    list = list.Where(a => clinicIds.Contains(a.ClinicId));
                if (query.ClinicId is { } clinicId) list = list.Where(a => a.ClinicId == clinicId);
                if (query.ProviderId is { } providerId) list = list.Where(a => a.ProviderId == providerId);
                if (query.ClientId is { } clientId) list = list.Where(a => a.ClientId == clientId);
                if (query.StatusFilter is { } status) list = list.Where(a => a.Status == status);
                if (query.FromInstant is { } from) list = list.Where(a => a.Start >= from);
                if (query.ToInstant is { } to) list = list.Where(a => a.Start < to);
                var page = await list.OrderBy(a => a.Start).ThenBy(a => a.Id).ToPageAsync(query.Paging, ct);
                return TypedResults.Ok(page.Map(a => AppointmentResponse.From(a)));
            })
            .WithSummary("Appointments: a client's own, staff their clinics'");

        appointments.MapGet("/{id:guid}", async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> (
                Guid id, Caller caller, AccessScopeProvider scopes, AppDbContext db, CancellationToken ct) =>
            {
                var appointment = await db.Set<Appointment>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
                return appointment is not null && BookingService.CanSee(appointment, await scopes.ForAsync(caller, ct))
                    ? TypedResults.Ok(AppointmentResponse.From(appointment))
                    : ApiProblems.NotFound("There is no such appointment.");
            })
            .WithSummary("One appointment (404 when it is not yours to see)");

        appointments.MapPatch("/{id:guid}/reschedule", async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> (
                Guid id, RescheduleRequest request, Caller caller, AccessScopeProvider scopes, BookingService booking, CancellationToken ct) =>
                (await booking.RescheduleAsync(id, request, await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .WithSummary("Move a confirmed appointment (clients until 24 hours before); the new time is checked like a new booking");

        appointments.MapPatch("/{id:guid}/cancel", async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> (
                Guid id, CancelRequest? request, Caller caller, AccessScopeProvider scopes, BookingService booking, CancellationToken ct) =>
                (await booking.CancelAsync(id, request ?? new CancelRequest(null), await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .WithSummary("Cancel (clients until 24 hours before the start, staff any time)");

        appointments.MapPatch("/{id:guid}/complete", async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> (
                Guid id, CompleteRequest? request, Caller caller, AccessScopeProvider scopes, BookingService booking, CancellationToken ct) =>
                (await booking.CompleteAsync(id, request ?? new CompleteRequest(null, null), await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(Policies.Staff)
            .WithSummary("Mark completed, not before the start (the clinic's staff)");

        appointments.MapPatch("/{id:guid}/no-show", async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> (
                Guid id, Caller caller, AccessScopeProvider scopes, BookingService booking, CancellationToken ct) =>
                (await booking.NoShowAsync(id, await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(Policies.Staff)
            .WithSummary("Mark a no-show, after the start (the clinic's staff)");
    }
}
