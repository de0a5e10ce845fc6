using MedAesthetics.Api.Platform.Observability;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Booking;

/// <summary>
/// Holds, bookings and their transitions. Availability is checked for the client's sake, but whether two bookings
/// overlap is decided by the database's exclusion constraint inside the transaction that takes the slot.
/// </summary>
public sealed class BookingService(
    AppDbContext db, IClinicDirectory clinics, IUserDirectory users, IPlatformSettings platformSettings, ReminderPlanner reminders, IClock clock)
{
    private DbSet<Appointment> Appointments => db.Set<Appointment>();

    public async Task<Outcome<HoldResponse>> HoldAsync(HoldRequest request, AccessScope scope, CancellationToken ct)
    {
        // The settings and the cached schedule first: their caches check versions and load on a connection of their own,
        // which must not be taken while this request holds one. Then one connection for the rest and the transaction (each
        // reopening of a pooled connection costs a DISCARD ALL), and no savepoint around the hold's one save: a refused
        // hold ends the transaction (two round trips).
        var settings = await platformSettings.GetAsync(ct);
        var cached = await clinics.CachedScheduleAsync(request.ClinicId, ct);
        await using var connection = await db.Database.HoldConnectionAsync(ct);
        return await db.Database.WithoutSavepointsAsync(async () =>
            await HoldOnceAsync(request, scope, settings, cached, ct)
            ?? (await HoldOnceAsync(request, scope, settings, null, ct))!.Value);
    }

    /// <summary>
    /// One try at a hold. Against the cache (<paramref name="cached"/>), the rules are checked against this node's cached
    /// schedule and the calendar version is read inside the transaction, in the same round trip as the client's lock
    /// (after it): when it is not the version that schedule was built for (another node changed the calendar), the
    /// transaction is rolled back, the answer is null, and the caller tries again against the current schedule
    /// (<see cref="IClinicDirectory.CurrentScheduleAsync"/>). A placement the cached schedule refuses is also tried again
    /// that way, so no refusal rests on a stale schedule.
    /// </summary>
    private async Task<Outcome<HoldResponse>?> HoldOnceAsync(HoldRequest request, AccessScope scope, PlatformSettings settings,
        (ClinicSchedule? Schedule, long Version)? cached, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var schedule = cached is { } fromCache ? fromCache.Schedule : await clinics.CurrentScheduleAsync(request.ClinicId, ct);
        var placement = Place(schedule, request.ClinicId, request.ServiceId, request.ProviderId, request.Start, scope, PlacementRules.Calendar, settings);
        if (!placement.Succeeded && cached is not null)
            return null;   // a refusal is given against the current schedule only
        if (!placement.Succeeded)
            return placement.Error!;

        var caller = scope.Caller;
        var isClient = caller.Role == UserRole.Client;
        var hold = Appointment.Hold(placement.Value.Slot, isClient ? caller.UserId : null, caller.UserId,
            now + Duration.FromMinutes(settings.HoldMinutes));
        // First without the release of expired holds (most holds meet no placement at all); when the insert meets one, the
        // transaction is rolled back and the hold tried once more, releasing the expired holds in its way first.
        for (var release = false; ; release = true)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // One round trip: the locks, for a client first its own (it serialises one client's hold requests so the
            // live-hold limit cannot be raced past), then the placement's (PlacementLocks); a client's count of its live
            // holds; on the second try the release of expired holds in the way (TakeAsync takes the same steps in the same
            // order); against the cache, the calendar version.
            var statements = new List<(string Sql, object[] Values)>(4);
            string[] locks = isClient ? [caller.UserId.ToString(), .. PlacementLocks.Keys(hold)] : PlacementLocks.Keys(hold);
            statements.Add((AdvisoryLocks.Sql, [locks]));
            if (isClient)
                statements.Add((LiveHoldCountSql, [caller.UserId, now]));
            if (release)
                statements.Add((ReleaseExpiredHoldsSql, ReleaseExpiredHoldsValues(hold, now)));
            if (cached is not null)
                statements.Add(clinics.CalendarVersionStatement);
            int live = 0, released = 0;
            long? calendarVersion = null;
            await using (var batch = db.Database.CreatePositionalBatch([.. statements]))
            {
                await batch.PrepareAsync(ct);
                await using var reader = await batch.ExecuteReaderAsync(ct);
                // Result sets in order: the locks', a client's count's, the release's, the version's.
                if (isClient)
                    live = await NextIntAsync(reader, ct);
                if (release)
                    released = await NextIntAsync(reader, ct);
                if (cached is not null)
                {
                    await reader.NextResultAsync(ct);
                    calendarVersion = await reader.ReadAsync(ct) ? reader.GetInt64(0) : 0;
                }
            }
            if (calendarVersion != cached?.Version)
            {
                await transaction.RollbackAsync(ct);
                return null;
            }
            if (isClient && live >= settings.MaxLiveHoldsPerClient)
            {
                Telemetry.HoldRejected("limit");
                return Error.Conflict($"A client may hold at most {settings.MaxLiveHoldsPerClient} slots at once; book or let one expire first.");
            }
            if (release && released == 0)
            {
                // Nothing expired was in the way: the placement the first insert met is live.
                Telemetry.HoldRejected("taken");
                return SlotTaken();
            }

            if (await SaveTakenAsync(hold, ct) is { } taken)
            {
                await transaction.RollbackAsync(ct);
                if (!release)
                    continue;
                Telemetry.HoldRejected("taken");
                return taken;
            }
            await transaction.CommitAsync(ct);
            return new HoldResponse(hold.Id, hold.HoldExpiresAt!.Value, hold.ClinicId, hold.ServiceId, hold.ProviderId, hold.Start, hold.End);
        }
    }

    private static async Task<int> NextIntAsync(System.Data.Common.DbDataReader reader, CancellationToken ct)
    {
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        return reader.GetInt32(0);
    }

    public async Task<Outcome<AppointmentResponse>> BookAsync(BookRequest request, AccessScope scope, CancellationToken ct)
    {
        var settings = await platformSettings.GetAsync(ct);
        var caller = scope.Caller;
        var clientId = caller.Role == UserRole.Client ? caller.UserId : request.ClientId;
        if (clientId is null)
            return Error.Invalid("clientId", "Staff book for a client: give clientId.");
        if (caller.IsStaff && await users.FindAsync(clientId.Value, ct) is not { Role: UserRole.Client })
            return Error.Invalid("clientId", "clientId must be the id of a client.");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Appointment first;
        ServiceInfo service;
        var now = clock.GetCurrentInstant();
        if (request.HoldId is { } holdId)
        {
            var hold = await LockAsync(holdId, ct);
            if (hold is null || !scope.CanSeeHold(hold))
                return Error.NotFound("There is no such hold.");
            service = (await clinics.FindServiceAsync(hold.ServiceId, ct))!;
            var seriesId = request.Recurrence is null ? (Guid?)null : Guid.CreateVersion7();
            if (hold.Confirm(clientId.Value, request.Notes, service.Price, service.Currency, seriesId, now) is { } why)
                return Error.Conflict(why);
            first = hold;
        }
        else
        {
            if (!caller.IsStaff)
                return Error.Forbidden("Clients book through a hold: POST /appointments/hold first.");
            // The clinic's schedule as of now (the cache, checked against the calendar version in one lookup).
            var placement = Place(await clinics.CurrentScheduleAsync(request.ClinicId!.Value, ct), request.ClinicId!.Value, request.ServiceId!.Value,
                request.ProviderId!.Value, request.Start!.Value, scope, PlacementRules.BackOffice, settings);
            if (!placement.Succeeded)
                return placement.Error!;
            service = placement.Value.Service;
            first = Appointment.Book(placement.Value.Slot, clientId.Value, caller.UserId, request.Notes,
                request.Recurrence is null ? null : Guid.CreateVersion7(), now);
            if (await TakeAsync(first, ct) is { } taken)
                return taken;
        }

        db.Publish(new AppointmentBooked(first.Facts(), caller.UserId));
        await reminders.PlanAsync(first, settings.ReminderHours, now, ct);
        await db.SaveChangesAsync(ct);
        var series = request.Recurrence is { } recurrence
            ? await BookSeriesAsync(first, recurrence, service, caller.UserId, request.Notes, settings, ct)
            : null;
        await transaction.CommitAsync(ct);
        Telemetry.Bookings.Add(series?.Booked.Count ?? 1);
        return AppointmentResponse.From(first, series);
    }

    public async Task<Outcome<AppointmentResponse>> RescheduleAsync(Guid id, RescheduleRequest request, AccessScope scope, CancellationToken ct)
    {
        var settings = await platformSettings.GetAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var appointment = await LockAsync(id, ct);
        if (appointment is null || !scope.CanSee(appointment))
            return NoAppointment();

        var byClient = scope.Caller.Role == UserRole.Client;
        var rules = byClient ? PlacementRules.Calendar : PlacementRules.BackOffice;
        var placement = Place(await clinics.CurrentScheduleAsync(appointment.ClinicId, ct), appointment.ClinicId, appointment.ServiceId,
            request.ProviderId ?? appointment.ProviderId, request.Start, scope, rules, settings);
        if (!placement.Succeeded)
            return placement.Error!;

        var previous = (appointment.Start, appointment.End, appointment.ProviderId);
        var now = clock.GetCurrentInstant();
        if (appointment.Reschedule(placement.Value.Slot, byClient, now, Duration.FromHours(settings.CancellationNoticeHours)) is { } why)
            return Error.Conflict(why);
        db.Publish(new AppointmentRescheduled(appointment.Facts(), previous.Start, previous.End, previous.ProviderId, scope.Caller.UserId));
        if (await TakeAsync(appointment, ct) is { } taken)
            return taken;
        await reminders.PlanAsync(appointment, settings.ReminderHours, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return AppointmentResponse.From(appointment);
    }

    public async Task<Outcome<AppointmentResponse>> CancelAsync(Guid id, CancelRequest request, AccessScope scope, CancellationToken ct)
    {
        var settings = await platformSettings.GetAsync(ct);
        return await TransitionAsync(id, scope, staffOnly: false, ct, appointment =>
        {
            var byClient = scope.Caller.Role == UserRole.Client;
            var why = appointment.Cancel(request.Reason, byClient, clock.GetCurrentInstant(), Duration.FromHours(settings.CancellationNoticeHours));
            return (why, new AppointmentCancelled(appointment.Facts(), appointment.CancellationReason, scope.Caller.UserId, byClient));
        });
    }

    public Task<Outcome<AppointmentResponse>> CompleteAsync(Guid id, CompleteRequest request, AccessScope scope, CancellationToken ct) =>
        TransitionAsync(id, scope, staffOnly: true, ct, appointment =>
        {
            if (request.AmountPaid is { } paid && paid.Currency != appointment.Currency)
                return ($"amountPaid must be in {appointment.Currency}, the appointment's currency.", null);
            var now = clock.GetCurrentInstant();
            var why = appointment.Complete(request.AmountPaid?.Amount, request.Notes, now);
            return (why, new AppointmentCompleted(appointment.Facts(), appointment.AmountPaid ?? appointment.Price, appointment.Currency, now, scope.Caller.UserId));
        });

    public Task<Outcome<AppointmentResponse>> NoShowAsync(Guid id, AccessScope scope, CancellationToken ct) =>
        TransitionAsync(id, scope, staffOnly: true, ct, appointment =>
            (appointment.MarkNoShow(clock.GetCurrentInstant()), new AppointmentNoShow(appointment.Facts(), scope.Caller.UserId)));

    /// <summary>Runs one state change on a locked row and writes its event in the same transaction; a refused change is 409.</summary>
    private async Task<Outcome<AppointmentResponse>> TransitionAsync(
        Guid id, AccessScope scope, bool staffOnly, CancellationToken ct,
        Func<Appointment, (string? Why, Platform.Outbox.IIntegrationEvent? Event)> change)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var appointment = await LockAsync(id, ct);
        if (appointment is null || !scope.CanSee(appointment))
            return NoAppointment();
        if (staffOnly && !scope.IsAdmin && !scope.TeamClinics.Contains(appointment.ClinicId))
            return Error.Forbidden("Only the clinic's staff may do this.");
        var (why, raised) = change(appointment);
        // A change that raises no event was refused for its input (400); otherwise for the appointment's state (409).
        if (why is not null)
            return raised is null ? Error.BadRequest(why) : Error.Conflict(why);
        db.Publish(raised!);
        // Every transition out of confirmed ends the appointment, and with it its pending reminders.
        await reminders.DropAsync(appointment.Id, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return AppointmentResponse.From(appointment);
    }

    private async Task<SeriesResult> BookSeriesAsync(Appointment first, RecurrenceRequest recurrence, ServiceInfo service, Guid bookedBy, string? notes,
        PlatformSettings settings, CancellationToken ct)
    {
        var schedule = (await clinics.CurrentScheduleAsync(first.ClinicId, ct))!;
        var clinic = schedule.Clinic;
        var zone = DateTimeZoneProviders.Tzdb[clinic.Timezone];
        var planned = RecurrencePlanner.Plan(zone, first.Start.InZone(zone).LocalDateTime, recurrence.Frequency, recurrence.Count);
        var last = planned.Where(p => p.Start is not null).Max(p => p.Start!.Value) + Duration.FromDays(2);
        var calendar = schedule.CalendarFor([first.ProviderId], first.Start - Duration.FromDays(1), last);
        var booked = new List<AppointmentResponse> { AppointmentResponse.From(first) };
        var collisions = new List<SeriesCollision>();

        foreach (var occurrence in planned.Skip(1))
        {
            if (occurrence.Start is not { } start)
            {
                collisions.Add(new SeriesCollision(occurrence.Number, null, $"{occurrence.LocalStart:yyyy-MM-dd HH:mm} does not exist in {clinic.Timezone} (clocks change)."));
                continue;
            }
            var slot = BookingSlot.For(service, first.ProviderId, start);
            if (!FitsCalendar(slot, calendar, zone, first.ProviderId))
            {
                collisions.Add(new SeriesCollision(occurrence.Number, start, "The provider is not working or the time is blocked."));
                continue;
            }
            var appointment = Appointment.Book(slot, first.ClientId!.Value, bookedBy, notes, first.SeriesId, clock.GetCurrentInstant());
            if (await TakeAsync(appointment, ct) is not null)
            {
                collisions.Add(new SeriesCollision(occurrence.Number, start, "The provider already has a booking or hold at that time."));
                continue;
            }
            db.Publish(new AppointmentBooked(appointment.Facts(), bookedBy));
            await reminders.PlanAsync(appointment, settings.ReminderHours, clock.GetCurrentInstant(), ct);
            await db.SaveChangesAsync(ct);
            booked.Add(AppointmentResponse.From(appointment));
        }
        return new SeriesResult(first.SeriesId!.Value, booked, collisions);
    }

    /// <summary>
    /// Writes a new or moved placement. Its placement locks first (<see cref="PlacementLocks"/>); then expired holds
    /// overlapping it are released in this same transaction, because the exclusion constraint cannot see the clock; then
    /// the constraint decides, and losing is a 409.
    /// </summary>
    private async Task<Error?> TakeAsync(Appointment appointment, CancellationToken ct)
    {
        await db.Database.TakeAdvisoryLocksAsync(PlacementLocks.Keys(appointment), ct);
        await ReleaseExpiredHoldsAsync(appointment, clock.GetCurrentInstant(), ct);
        return await SaveTakenAsync(appointment, ct);
    }

    /// <summary>
    /// A client's live holds ($1 the client, $2 now), read through <c>ix_appointments_created_by_hold_expires_at</c>, the one
    /// index of live holds: the count runs in the hold's prepared batch, whose plan PostgreSQL may make once for any values
    /// and keep while the table grows; with a second index of live holds (by expiry alone) it was at times planned on that
    /// one while few holds were live, and then read every client's live holds on each hold.
    /// </summary>
    internal const string LiveHoldCountSql =
        "SELECT count(*)::int FROM appointments WHERE created_by = $1 AND status = 'held' AND hold_expires_at > $2";

    /// <summary>
    /// Marks expired the holds past their expiry that overlap the placement ($1 now, $2 provider, $3 and $4 the placement's
    /// occupied range), answering how many: until then they still occupy their time for the exclusion constraint.
    /// </summary>
    private const string ReleaseExpiredHoldsSql = """
        WITH released AS (
            UPDATE appointments SET status = 'expired', updated_at = $1
            WHERE provider_id = $2 AND status = 'held' AND hold_expires_at <= $1 AND occupied_from < $4 AND occupied_to > $3
            RETURNING 1)
        SELECT count(*)::int FROM released
        """;

    private static object[] ReleaseExpiredHoldsValues(Appointment placement, Instant now) =>
        [now, placement.ProviderId, placement.OccupiedFrom, placement.OccupiedTo];

    private async Task ReleaseExpiredHoldsAsync(Appointment placement, Instant now, CancellationToken ct)
    {
        await using var command = db.Database.CreatePositionalCommand(ReleaseExpiredHoldsSql, ReleaseExpiredHoldsValues(placement, now));
        await command.ExecuteNonQueryAsync(ct);
    }

    private static Error SlotTaken() => Error.Conflict("That time is already held or booked for this provider.");

    /// <summary>The save that takes a placement whose overlapping expired holds are released: a conflict is a 409.</summary>
    private async Task<Error?> SaveTakenAsync(Appointment appointment, CancellationToken ct)
    {
        var entry = db.Entry(appointment);
        if (entry.State == EntityState.Detached)
            Appointments.Add(appointment);
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (Exception e) when (e.IsConflict())
        {
            // EF rolled back to its savepoint (a hold has none: its transaction ends here); forget the refused change so
            // the transaction can go on.
            foreach (var pending in db.ChangeTracker.Entries().Where(x => x.State != EntityState.Unchanged).ToList())
                pending.State = EntityState.Detached;
            return SlotTaken();
        }
    }

    private enum PlacementRules
    {
        /// <summary>Clients: on the step, within notice and horizon, inside working hours and outside blocked time.</summary>
        Calendar,
        /// <summary>Staff: on the step, from a week ago (walk-ins, back-office entry) to the horizon; the constraint still forbids overlaps.</summary>
        BackOffice,
    }

    /// <summary>Checks a placement and returns it with the service it was priced from (so callers need not load it again).</summary>
    private Outcome<(BookingSlot Slot, ServiceInfo Service)> Place(
        ClinicSchedule? schedule, Guid clinicId, Guid serviceId, Guid providerId, Instant start, AccessScope scope, PlacementRules rules,
        PlatformSettings settings)
    {
        if (schedule is null)
            return Error.NotFound("There is no such clinic.");
        var clinic = schedule.Clinic;
        if (scope.Caller.IsStaff && !scope.CanReachClinic(clinicId))
            return Error.Forbidden("You have no access to this clinic's calendar.");
        var service = schedule.Services.GetValueOrDefault(serviceId);
        if (service is null || service.ClinicId != clinicId)
            return Error.NotFound("The clinic has no such service.");
        if (!schedule.ProvidersFor(serviceId).Contains(providerId))
            return Error.NotFound("The provider does not perform this service at this clinic.");

        var zone = DateTimeZoneProviders.Tzdb[clinic.Timezone];
        var local = start.InZone(zone);
        if (!AvailabilityCalculator.IsOnStep(local.TimeOfDay, settings.SlotStepMinutes))
            return Error.Invalid("start", $"Appointments start on the {settings.SlotStepMinutes}-minute grid of the clinic's local time ({local.TimeOfDay:HH:mm} is off it).");

        var now = clock.GetCurrentInstant();
        var horizon = now + Duration.FromDays(settings.BookingHorizonDays);
        var earliest = rules == PlacementRules.Calendar
            ? now + Duration.FromMinutes(settings.MinBookingNoticeMinutes)
            : now - Duration.FromDays(settings.StaffBackdateDays);
        if (start < earliest)
            return Error.Invalid("start", rules == PlacementRules.Calendar
                ? $"Bookings start at least {settings.MinBookingNoticeMinutes} minutes from now."
                : $"Staff may enter bookings from {settings.StaffBackdateDays} days in the past onwards.");
        if (start > horizon)
            return Error.Invalid("start", $"Bookings can be made at most {settings.BookingHorizonDays} days ahead.");

        var slot = BookingSlot.For(service, providerId, start);
        if (rules == PlacementRules.Calendar)
        {
            var calendar = schedule.CalendarFor([providerId], slot.OccupiedFrom - Duration.FromDays(1), slot.OccupiedTo + Duration.FromDays(1));
            if (!FitsCalendar(slot, calendar, zone, providerId))
                return Error.Conflict("The provider is not available at that time (outside working hours or blocked).");
        }
        return (slot, service);
    }

    /// <summary>Asks the availability calculator whether the slot's start is offered on its local day, ignoring other bookings.</summary>
    private static bool FitsCalendar(BookingSlot slot, ClinicCalendar calendar, DateTimeZone zone, Guid providerId)
    {
        var date = slot.Start.InZone(zone).Date;
        var request = new AvailabilityRequest(zone, date, 1, slot.End - slot.Start, slot.Start - slot.OccupiedFrom, slot.OccupiedTo - slot.End,
            1, slot.Start, slot.Start,
            [AvailabilityLoader.CalendarOf(providerId, calendar, [])]);
        return AvailabilityCalculator.Calculate(request).Any(s => s.Start == slot.Start);
    }

    private Task<Appointment?> LockAsync(Guid id, CancellationToken ct) =>
        Appointments.FromSqlInterpolated($"SELECT * FROM appointments WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(ct);

    private static Error NoAppointment() => Error.NotFound("There is no such appointment.");
}
