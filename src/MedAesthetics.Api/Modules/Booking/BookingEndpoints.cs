using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAesthetics.Api.Modules.Booking;

public static class BookingEndpoints
{
    public static void MapBookingEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/availability").WithTags("Availability").WithValidation()
            .MapGet("", async Task<Results<AvailabilityAnswer, ProblemHttpResult>> ([AsParameters] AvailabilityQuery query, AvailabilityLoader loader, CancellationToken ct) =>
                (await loader.LoadAsync(query, ct)).ToResult(answer => answer))
            .AllowAnonymous().WithName("getAvailability")
            .WithSummary("Free slots of a service for one day or up to 31 days (days=), one provider or all");

        var appointments = routes.MapGroup("/appointments").WithTags("Appointments").WithValidation().RequireAuthorization();

        appointments.MapPost("/hold", async Task<Results<Created<HoldResponse>, ProblemHttpResult>> (
                HoldRequest request, Caller caller, AccessScopeProvider scopes, BookingService booking, CancellationToken ct) =>
                (await booking.HoldAsync(request, await scopes.ForAsync(caller, ct), ct)).ToResult(hold => TypedResults.Created($"/appointments/hold/{hold.HoldId}", hold)))
            .WithName("holdSlot").WithSummary("Hold a slot for 10 minutes; a slot already held or booked answers 409");

        appointments.MapPost("", async Task<Results<Created<AppointmentResponse>, ProblemHttpResult>> (
                BookRequest request, Caller caller, AccessScopeProvider scopes, BookingService booking, CancellationToken ct) =>
                (await booking.BookAsync(request, await scopes.ForAsync(caller, ct), ct)).ToResult(a => TypedResults.Created($"/appointments/{a.Id}", a)))
            .WithName("bookAppointment").WithSummary("Confirm a hold (holdId), or as staff book without one; recurrence books a series and reports collisions");

        appointments.MapGet("", async Task<Ok<PageOf<AppointmentResponse>>> (
                [AsParameters] AppointmentListQuery query, Caller caller, AccessScopeProvider scopes, AppointmentQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.ListAsync(query, await scopes.ForAsync(caller, ct), ct)))
            .WithName("listAppointments").WithSummary("Appointments: a client's own, staff their clinics'");

        appointments.MapGet("/{id:guid}", async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> (
                Guid id, Caller caller, AccessScopeProvider scopes, AppointmentQueries queries, CancellationToken ct) =>
                (await queries.FindAsync(id, await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .WithName("getAppointment").WithSummary("One appointment (404 when it is not yours to see)");

        appointments.MapPatch("/{id:guid}/reschedule", async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> (
                Guid id, RescheduleRequest request, Caller caller, AccessScopeProvider scopes, BookingService booking, CancellationToken ct) =>
                (await booking.RescheduleAsync(id, request, await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .WithName("rescheduleAppointment").WithSummary("Move a confirmed appointment (clients until 24 hours before); the new time is checked like a new booking");

        appointments.MapPatch("/{id:guid}/cancel", async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> (
                Guid id, CancelRequest? request, Caller caller, AccessScopeProvider scopes, BookingService booking, CancellationToken ct) =>
                (await booking.CancelAsync(id, request ?? new CancelRequest(null), await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .WithName("cancelAppointment").WithSummary("Cancel (clients until 24 hours before the start, staff any time)");

        appointments.MapPatch("/{id:guid}/complete", async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> (
                Guid id, CompleteRequest? request, Caller caller, AccessScopeProvider scopes, BookingService booking, CancellationToken ct) =>
                (await booking.CompleteAsync(id, request ?? new CompleteRequest(null, null), await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(Policies.Staff)
            .WithName("completeAppointment").WithSummary("Mark completed, not before the start (the clinic's staff)");

        appointments.MapPatch("/{id:guid}/no-show", async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> (
                Guid id, Caller caller, AccessScopeProvider scopes, BookingService booking, CancellationToken ct) =>
                (await booking.NoShowAsync(id, await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(Policies.Staff)
            .WithName("markNoShow").WithSummary("Mark a no-show, after the start (the clinic's staff)");
    }
}
