using System.Net;
using System.Text.Json;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Booking;

public sealed class AppointmentLifecycleTests(BookingApi api) : IClassFixture<BookingApi>, IAsyncLifetime
{
    private BookingWorld _world = null!;
    private static readonly Instant TuesdayTen = BookingWorld.At(2026, 3, 3, 10);

    public async Task InitializeAsync()
    {
        api.Clock.Reset(ApiFactory.DefaultStart);
        _world = await BookingWorld.CreateAsync(api);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static Guid Id(JsonElement json) => json.GetProperty("id").GetGuid();

    private Task<HttpResponseMessage> Patch(string token, Guid id, string action, object? body = null) =>
        api.Authorized(token).PatchJsonAsync($"/appointments/{id}/{action}", body ?? new { });

    [Fact]
    public async Task Confirming_a_hold_books_it_once_at_the_services_price()
    {
        var (clientId, client) = await _world.NewClientAsync();
        var hold = await (await _world.HoldAsync(client, TuesdayTen)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(BookingWorld.Iso(TuesdayTen), hold.GetProperty("start").GetString());
        Assert.Equal(BookingWorld.Iso(TuesdayTen + Duration.FromHours(1)), hold.GetProperty("end").GetString());
        Assert.Equal(BookingWorld.Iso(ApiFactory.DefaultStart + Duration.FromMinutes(10)), hold.GetProperty("expiresAt").GetString());
        var holdId = hold.GetProperty("holdId").GetGuid();

        var appointment = await (await api.Authorized(client).PostJsonAsync("/appointments", new { holdId, notes = "first visit" })).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(holdId, Id(appointment));
        Assert.Equal("confirmed", appointment.GetProperty("status").GetString());
        Assert.Equal(clientId, appointment.GetProperty("clientId").GetGuid());
        Assert.Equal(120.00m, appointment.GetProperty("price").GetProperty("amount").GetDecimal());
        Assert.Equal("EUR", appointment.GetProperty("price").GetProperty("currency").GetString());
        await (await api.Authorized(client).PostJsonAsync("/appointments", new { holdId })).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_slot_held_or_booked_by_someone_else_answers_409()
    {
        var (_, first) = await _world.NewClientAsync();
        var (_, second) = await _world.NewClientAsync();
        await _world.BookAsync(first, TuesdayTen);

        await (await _world.HoldAsync(second, TuesdayTen)).ExpectAsync(HttpStatusCode.Conflict);
        // The 60-minute service has a 15-minute buffer after it: 11:00 would start inside the buffer, 11:15 is free.
        await (await _world.HoldAsync(second, TuesdayTen + Duration.FromHours(1))).ExpectAsync(HttpStatusCode.Conflict);
        await (await _world.HoldAsync(second, TuesdayTen + Duration.FromMinutes(75))).ExpectAsync(HttpStatusCode.Created);
        // The other doctor is free at the same time.
        await (await _world.HoldAsync(second, TuesdayTen, _world.SecondDoctorId)).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_hold_off_the_15_minute_grid_answers_400_and_stores_nothing()
    {
        var (clientId, client) = await _world.NewClientAsync();

        var problem = await (await _world.HoldAsync(client, BookingWorld.At(2026, 3, 3, 10, 10))).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("start", out _));
        Assert.Equal(0, await api.WithDbAsync(db => db.Set<Api.Modules.Booking.Appointment>().CountAsync(a => a.CreatedBy == clientId)));
    }

    [Fact]
    public async Task A_hold_within_the_2_hour_notice_answers_400()
    {
        var (_, client) = await _world.NewClientAsync();

        // Now is Monday 10:00 in Athens: 11:45 is too soon, 12:00 is the first bookable start.
        await (await _world.HoldAsync(client, BookingWorld.At(2026, 3, 2, 11, 45))).ExpectAsync(HttpStatusCode.BadRequest);
        await (await _world.HoldAsync(client, BookingWorld.At(2026, 3, 2, 12))).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Holds_beyond_the_90_day_horizon_answer_400()
    {
        var (_, client) = await _world.NewClientAsync();

        await (await _world.HoldAsync(client, BookingWorld.At(2026, 6, 2, 10))).ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Holds_outside_working_hours_or_in_blocked_time_answer_409()
    {
        var (_, client) = await _world.NewClientAsync();
        await (await _world.HoldAsync(client, BookingWorld.At(2026, 3, 3, 16, 30))).ExpectAsync(HttpStatusCode.Conflict); // would end 17:30
        await (await _world.HoldAsync(client, BookingWorld.At(2026, 3, 8, 10))).ExpectAsync(HttpStatusCode.Conflict);     // Sunday

        await (await api.Authorized(_world.DoctorToken).PostJsonAsync($"/clinics/{_world.ClinicId}/blocked-slots", new
        {
            providerId = _world.DoctorId, start = BookingWorld.Iso(BookingWorld.At(2026, 3, 4, 12)), end = BookingWorld.Iso(BookingWorld.At(2026, 3, 4, 13)), reason = "dentist",
        })).ExpectAsync(HttpStatusCode.Created);
        await (await _world.HoldAsync(client, BookingWorld.At(2026, 3, 4, 11, 30))).ExpectAsync(HttpStatusCode.Conflict);
        await (await _world.HoldAsync(client, BookingWorld.At(2026, 3, 4, 13))).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Unknown_clinic_service_or_provider_answers_404()
    {
        var (_, client) = await _world.NewClientAsync();
        var body = new { clinicId = _world.ClinicId, serviceId = _world.LongServiceId, providerId = _world.DoctorId, start = BookingWorld.Iso(TuesdayTen) };
        var http = api.Authorized(client);

        await (await http.PostJsonAsync("/appointments/hold", body with { })).ExpectAsync(HttpStatusCode.Created);
        await (await http.PostJsonAsync("/appointments/hold", new { clinicId = Guid.NewGuid(), body.serviceId, body.providerId, body.start })).ExpectAsync(HttpStatusCode.NotFound);
        await (await http.PostJsonAsync("/appointments/hold", new { body.clinicId, serviceId = Guid.NewGuid(), body.providerId, body.start })).ExpectAsync(HttpStatusCode.NotFound);
        await (await http.PostJsonAsync("/appointments/hold", new { body.clinicId, body.serviceId, providerId = Guid.NewGuid(), body.start })).ExpectAsync(HttpStatusCode.NotFound);
        await (await http.PostJsonAsync("/appointments", new { holdId = Guid.NewGuid() })).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Malformed_booking_inputs_answer_400()
    {
        var (_, client) = await _world.NewClientAsync();
        var http = api.Authorized(client);

        await (await http.PostJsonAsync("/appointments/hold", new { clinicId = _world.ClinicId, serviceId = _world.LongServiceId, providerId = _world.DoctorId, start = "2026-02-30T10:00:00Z" }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        await (await http.PostJsonAsync("/appointments/hold", new { clinicId = "not-a-guid", serviceId = _world.LongServiceId, providerId = _world.DoctorId, start = BookingWorld.Iso(TuesdayTen) }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        await (await http.PostJsonAsync("/appointments/hold", new { clinicId = _world.ClinicId })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await http.PostJsonAsync("/appointments", new { holdId = Guid.NewGuid(), recurrence = new { frequency = "daily", count = 3 } })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await http.PostJsonAsync("/appointments", new { holdId = Guid.NewGuid(), recurrence = new { frequency = "weekly", count = 53 } })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await http.GetAsync("/appointments?status=held")).ExpectAsync(HttpStatusCode.BadRequest);
        await (await http.GetAsync("/appointments?from=yesterday")).ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_client_holds_at_most_three_live_slots()
    {
        var (_, client) = await _world.NewClientAsync();
        for (var i = 0; i < 3; i++)
            await (await _world.HoldAsync(client, TuesdayTen + Duration.FromHours(2 * i))).ExpectAsync(HttpStatusCode.Created);

        await (await _world.HoldAsync(client, BookingWorld.At(2026, 3, 5, 10))).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_client_racing_eight_holds_on_free_slots_gets_three()
    {
        // The client's lock and the count of its live holds go to the database in one batch: the count must still see
        // every hold committed before the lock was granted, or more than three of these would be taken.
        var (_, client) = await _world.NewClientAsync();
        var starts = new[] { 3, 4, 5 }.SelectMany(day => new[] { 10, 12, 14 }.Select(hour => BookingWorld.At(2026, 3, day, hour))).Take(8);
        var answers = await Task.WhenAll(starts.Select(start => _world.HoldAsync(client, start)));

        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Clients_cancel_until_24_hours_before_and_staff_any_time()
    {
        var (_, client) = await _world.NewClientAsync();
        var early = await _world.BookAsync(client, BookingWorld.At(2026, 3, 5, 10));
        var late = await _world.BookAsync(client, BookingWorld.At(2026, 3, 3, 9));

        var cancelled = await (await Patch(client, Id(early), "cancel", new { reason = "travelling" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal("travelling", cancelled.GetProperty("cancellationReason").GetString());
        await (await Patch(client, Id(early), "cancel")).ExpectAsync(HttpStatusCode.Conflict);

        // Monday 10:00 now; Tuesday 09:00 is 23 hours away.
        await (await Patch(client, Id(late), "cancel")).ExpectAsync(HttpStatusCode.Conflict);
        await (await Patch(_world.SecretaryToken, Id(late), "cancel")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Complete_and_no_show_only_after_the_start_by_the_clinics_staff()
    {
        var (_, client) = await _world.NewClientAsync();
        var first = await _world.BookAsync(client, TuesdayTen);
        var second = await _world.BookAsync(client, TuesdayTen + Duration.FromHours(2));

        await (await Patch(_world.DoctorToken, Id(first), "complete")).ExpectAsync(HttpStatusCode.Conflict);
        await (await Patch(_world.DoctorToken, Id(second), "no-show")).ExpectAsync(HttpStatusCode.Conflict);

        var clock = new ClockScope(api.Clock);
        clock.Advance(Duration.FromDays(1) + Duration.FromHours(3));
        await (await Patch(client, Id(first), "complete")).ExpectAsync(HttpStatusCode.Forbidden);
        var completed = await (await Patch(_world.DoctorToken, Id(first), "complete", new { notes = "all good" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        Assert.Equal(120.00m, completed.GetProperty("amountPaid").GetProperty("amount").GetDecimal());
        await (await Patch(_world.DoctorToken, Id(first), "complete")).ExpectAsync(HttpStatusCode.Conflict);
        await (await Patch(_world.DoctorToken, Id(first), "no-show")).ExpectAsync(HttpStatusCode.Conflict);
        await (await Patch(client, Id(first), "cancel")).ExpectAsync(HttpStatusCode.Conflict);

        var noShow = await (await Patch(_world.SecretaryToken, Id(second), "no-show")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("no_show", noShow.GetProperty("status").GetString());
        await (await Patch(_world.SecretaryToken, Id(second), "reschedule", new { start = BookingWorld.Iso(BookingWorld.At(2026, 3, 6, 10)) })).ExpectAsync(HttpStatusCode.Conflict);
        clock.Restore();
    }

    [Fact]
    public async Task Completing_with_a_discounted_amount_keeps_it_and_rejects_another_currency()
    {
        var (_, client) = await _world.NewClientAsync();
        var appointment = await _world.BookAsync(client, BookingWorld.At(2026, 3, 3, 14));
        var clock = new ClockScope(api.Clock);
        clock.Advance(Duration.FromDays(2));

        await (await Patch(_world.SecretaryToken, Id(appointment), "complete", new { amountPaid = new { amount = 100, currency = "USD" } })).ExpectAsync(HttpStatusCode.BadRequest);
        var completed = await (await Patch(_world.SecretaryToken, Id(appointment), "complete", new { amountPaid = new { amount = 99.5, currency = "EUR" } })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(99.50m, completed.GetProperty("amountPaid").GetProperty("amount").GetDecimal());
        clock.Restore();
    }

    [Fact]
    public async Task Rescheduling_keeps_the_id_moves_the_time_and_frees_the_old_slot()
    {
        var (_, client) = await _world.NewClientAsync();
        var (_, other) = await _world.NewClientAsync();
        var appointment = await _world.BookAsync(client, BookingWorld.At(2026, 3, 4, 10));
        var newStart = BookingWorld.At(2026, 3, 4, 14);

        var moved = await (await Patch(client, Id(appointment), "reschedule", new { start = BookingWorld.Iso(newStart), providerId = _world.SecondDoctorId })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(Id(appointment), Id(moved));
        Assert.Equal(BookingWorld.Iso(newStart), moved.GetProperty("start").GetString());
        Assert.Equal(_world.SecondDoctorId, moved.GetProperty("providerId").GetGuid());
        await (await _world.HoldAsync(other, BookingWorld.At(2026, 3, 4, 10))).ExpectAsync(HttpStatusCode.Created);
        await (await _world.HoldAsync(other, newStart, _world.SecondDoctorId)).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Rescheduling_onto_a_taken_slot_or_too_late_answers_409()
    {
        var (_, client) = await _world.NewClientAsync();
        var (_, other) = await _world.NewClientAsync();
        var mine = await _world.BookAsync(client, BookingWorld.At(2026, 3, 5, 10));
        await _world.BookAsync(other, BookingWorld.At(2026, 3, 5, 14));
        var soon = await _world.BookAsync(client, BookingWorld.At(2026, 3, 3, 9));

        await (await Patch(client, Id(mine), "reschedule", new { start = BookingWorld.Iso(BookingWorld.At(2026, 3, 5, 14, 30)) })).ExpectAsync(HttpStatusCode.Conflict);
        await (await Patch(client, Id(soon), "reschedule", new { start = BookingWorld.Iso(BookingWorld.At(2026, 3, 6, 10)) })).ExpectAsync(HttpStatusCode.Conflict);
        await (await Patch(_world.SecretaryToken, Id(soon), "reschedule", new { start = BookingWorld.Iso(BookingWorld.At(2026, 3, 6, 10)) })).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_client_cannot_read_or_change_another_clients_appointment()
    {
        var (_, owner) = await _world.NewClientAsync();
        var (_, stranger) = await _world.NewClientAsync();
        var appointment = await _world.BookAsync(owner, BookingWorld.At(2026, 3, 6, 10));
        var id = Id(appointment);

        await (await api.Authorized(stranger).GetAsync($"/appointments/{id}")).ExpectAsync(HttpStatusCode.NotFound);
        await (await Patch(stranger, id, "cancel")).ExpectAsync(HttpStatusCode.NotFound);
        await (await Patch(stranger, id, "reschedule", new { start = BookingWorld.Iso(BookingWorld.At(2026, 3, 6, 14)) })).ExpectAsync(HttpStatusCode.NotFound);
        var list = await (await api.Authorized(stranger).GetAsync("/appointments")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        var own = await (await api.Authorized(owner).GetAsync($"/appointments/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, Id(own));
        // Someone else's hold cannot be confirmed either.
        var hold = await (await _world.HoldAsync(owner, BookingWorld.At(2026, 3, 6, 14))).ExpectAsync(HttpStatusCode.Created);
        await (await api.Authorized(stranger).PostJsonAsync("/appointments", new { holdId = hold.GetProperty("holdId").GetGuid() })).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Staff_of_another_clinic_cannot_see_or_touch_its_appointments()
    {
        var (_, client) = await _world.NewClientAsync();
        var appointment = await _world.BookAsync(client, BookingWorld.At(2026, 3, 6, 11));
        var elsewhere = await BookingWorld.CreateAsync(api);

        await (await api.Authorized(elsewhere.OwnerToken).GetAsync($"/appointments/{Id(appointment)}")).ExpectAsync(HttpStatusCode.NotFound);
        await (await Patch(elsewhere.SecretaryToken, Id(appointment), "cancel")).ExpectAsync(HttpStatusCode.NotFound);
        var theirs = await (await api.Authorized(elsewhere.SecretaryToken).GetAsync("/appointments")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(theirs.GetProperty("items").EnumerateArray(), a => Id(a) == Id(appointment));
        var ours = await (await api.Authorized(_world.SecretaryToken).GetAsync($"/appointments?clinicId={_world.ClinicId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(ours.GetProperty("items").EnumerateArray(), a => Id(a) == Id(appointment));
        await (await api.Authorized(elsewhere.SecretaryToken).PostJsonAsync("/appointments", new
        {
            clinicId = _world.ClinicId, serviceId = _world.LongServiceId, providerId = _world.DoctorId, start = BookingWorld.Iso(BookingWorld.At(2026, 3, 6, 15)), clientId = Guid.NewGuid(),
        })).ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Staff_book_walk_ins_from_a_week_back_without_a_hold_and_clients_cannot()
    {
        var (clientId, client) = await _world.NewClientAsync();

        var walkIn = await (await _world.StaffBookAsync(clientId, BookingWorld.At(2026, 2, 27, 18))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("confirmed", walkIn.GetProperty("status").GetString());
        await (await _world.StaffBookAsync(clientId, BookingWorld.At(2026, 2, 20, 10))).ExpectAsync(HttpStatusCode.BadRequest);
        await (await _world.StaffBookAsync(clientId, BookingWorld.At(2026, 2, 27, 18))).ExpectAsync(HttpStatusCode.Conflict);
        await (await api.Authorized(client).PostJsonAsync("/appointments", new
        {
            clinicId = _world.ClinicId, serviceId = _world.LongServiceId, providerId = _world.DoctorId, start = BookingWorld.Iso(TuesdayTen), clientId,
        })).ExpectAsync(HttpStatusCode.Forbidden);
        await (await api.Authorized(_world.SecretaryToken).PostJsonAsync("/appointments", new
        {
            clinicId = _world.ClinicId, serviceId = _world.LongServiceId, providerId = _world.DoctorId, start = BookingWorld.Iso(TuesdayTen),
        })).ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_weekly_series_keeps_the_local_time_across_the_dst_change_and_reports_collisions()
    {
        var (clientId, client) = await _world.NewClientAsync();
        var (otherId, _) = await _world.NewClientAsync();
        // Athens moves to summer time on Sunday 29 March: 10:00 local is 08:00Z before and 07:00Z after.
        await (await _world.StaffBookAsync(otherId, BookingWorld.At(2026, 3, 31, 10))).ExpectAsync(HttpStatusCode.Created);
        var hold = await (await _world.HoldAsync(client, BookingWorld.At(2026, 3, 24, 10))).ExpectAsync(HttpStatusCode.Created);

        var first = await (await api.Authorized(client).PostJsonAsync("/appointments", new
        {
            holdId = hold.GetProperty("holdId").GetGuid(), recurrence = new { frequency = "weekly", count = 3 },
        })).ExpectAsync(HttpStatusCode.Created);

        var series = first.GetProperty("series");
        var booked = series.GetProperty("booked").EnumerateArray().Select(a => a.GetProperty("start").GetString()).ToList();
        Assert.Equal(["2026-03-24T08:00:00Z", "2026-04-07T07:00:00Z"], booked);
        var collision = Assert.Single(series.GetProperty("collisions").EnumerateArray());
        Assert.Equal(2, collision.GetProperty("occurrence").GetInt32());
        Assert.Equal("2026-03-31T07:00:00Z", collision.GetProperty("start").GetString());
        var seriesId = series.GetProperty("seriesId").GetGuid();
        var stored = await api.WithDbAsync(db => db.Set<Api.Modules.Booking.Appointment>().CountAsync(a => a.SeriesId == seriesId && a.ClientId == clientId));
        Assert.Equal(2, stored);
    }

    [Fact]
    public async Task Booking_events_are_written_with_the_change()
    {
        var (clientId, client) = await _world.NewClientAsync();
        var appointment = await _world.BookAsync(client, BookingWorld.At(2026, 3, 5, 15));
        await (await Patch(client, Id(appointment), "reschedule", new { start = BookingWorld.Iso(BookingWorld.At(2026, 3, 5, 14)) })).ExpectAsync(HttpStatusCode.OK);
        await (await Patch(client, Id(appointment), "cancel")).ExpectAsync(HttpStatusCode.OK);

        var events = await api.WithDbAsync(db => db.OutboxMessages
            .FromSqlInterpolated($"SELECT * FROM outbox_messages WHERE payload->'appointment'->>'appointmentId' = {Id(appointment).ToString()} ORDER BY occurred_at, created_at, id")
            .Select(m => new { m.Type, m.Payload }).ToListAsync());

        Assert.Equal(["AppointmentBooked", "AppointmentRescheduled", "AppointmentCancelled"], events.Select(e => e.Type));
        var booked = JsonDocument.Parse(events[0].Payload).RootElement.GetProperty("appointment");
        Assert.Equal(clientId, booked.GetProperty("clientId").GetGuid());
        Assert.Equal(_world.ClinicId, booked.GetProperty("clinicId").GetGuid());
        Assert.Equal(_world.LongServiceId, booked.GetProperty("serviceId").GetGuid());
        Assert.Equal(120m, booked.GetProperty("price").GetDecimal());
        var moved = JsonDocument.Parse(events[1].Payload).RootElement;
        Assert.Equal("2026-03-05T13:00:00Z", moved.GetProperty("previousStart").GetString());
        Assert.Equal("2026-03-05T12:00:00Z", moved.GetProperty("appointment").GetProperty("start").GetString());
    }

    [Fact]
    public async Task The_database_refuses_overlapping_active_bookings_whatever_the_application_does()
    {
        var (clientId, client) = await _world.NewClientAsync();
        var appointment = await _world.BookAsync(client, BookingWorld.At(2026, 3, 6, 9));

        var error = await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => api.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO appointments (id, clinic_id, service_id, provider_id, client_id, status, start, "end", occupied_from, occupied_to,
                                      price, currency, created_by, created_at, updated_at)
            SELECT gen_random_uuid(), clinic_id, service_id, provider_id, client_id, 'confirmed', start + interval '30 minutes', "end" + interval '30 minutes',
                   occupied_from + interval '30 minutes', occupied_to + interval '30 minutes', price, currency, created_by, now(), now()
            FROM appointments WHERE id = {Id(appointment)}
            """)));

        Assert.Equal("23P01", error.SqlState);
        Assert.Equal(clientId, (await api.WithDbAsync(db => db.Set<Api.Modules.Booking.Appointment>().SingleAsync(a => a.Id == Id(appointment)))).ClientId);
    }
}
