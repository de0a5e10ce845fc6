using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using MedAesthetics.IntegrationTests.Booking;
using MedAesthetics.IntegrationTests.Infrastructure;
using Npgsql;
using NodaTime;
using NodaTime.Text;
using Xunit.Abstractions;

namespace MedAesthetics.IntegrationTests.Concurrency;

/// <summary>
/// The API for the concurrency tests. Access tokens are checked against the fake clock, and the randomized run moves
/// that clock forward by more than the default 15-minute token lifetime, so tokens here live 90 days.
/// </summary>
public sealed class ConcurrencyApi : ApiFactory
{
    public ConcurrencyApi() => With("JWT_EXPIRATION", "90d");
}

/// <summary>
/// Races on the calendar: many requests for one provider's time at once. The database's exclusion constraint is what
/// must keep the calendar consistent, so every test ends with a look straight into the <c>appointments</c> table.
/// Each test builds its own clinic and doctors, so the rows of one test never meet another's in the checks.
/// </summary>
public sealed class BookingConcurrencyTests(ConcurrencyApi api, ITestOutputHelper output) : IClassFixture<ConcurrencyApi>, IAsyncLifetime
{
    private static readonly Duration LongOccupies = Duration.FromMinutes(75);   // 60 minutes + 15 minutes buffer after
    private BookingWorld _world = null!;

    public async Task InitializeAsync()
    {
        api.Clock.Reset(ApiFactory.DefaultStart);
        _world = await BookingWorld.CreateAsync(api);
    }

    public Task DisposeAsync()
    {
        api.Clock.Reset(ApiFactory.DefaultStart);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Twenty_concurrent_holds_on_one_slot_give_one_201_and_409_for_the_rest()
    {
        var start = BookingWorld.At(2026, 3, 3, 11);
        var clients = await ClientsAsync(24);

        var responses = await TogetherAsync(clients.Select(c => (Func<Task<HttpResponseMessage>>)(() => _world.HoldAsync(c.Token, start))));

        var winners = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.True(winners.Count == 1, $"Expected exactly one 201, got: {Statuses(responses)}");
        var hold = await winners[0].ExpectAsync(HttpStatusCode.Created);
        foreach (var loser in responses.Except(winners))
            await loser.ExpectAsync(HttpStatusCode.Conflict);

        var holdId = hold.GetProperty("holdId").GetGuid();
        var live = await QueryAsync(
            """
            SELECT id FROM appointments
            WHERE provider_id = @provider AND status = 'held' AND hold_expires_at > @now
              AND tstzrange(occupied_from, occupied_to) && tstzrange(@from, @to)
            """,
            r => r.GetGuid(0),
            ("provider", _world.DoctorId), ("now", Utc(api.Clock.GetCurrentInstant())), ("from", Utc(start)), ("to", Utc(start + LongOccupies)));
        Assert.Equal([holdId], live);
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM appointments WHERE provider_id = @provider", ("provider", _world.DoctorId)));
    }

    [Fact]
    public async Task Bursts_of_forty_holds_on_one_slot_end_without_deadlocks()
    {
        // Concurrent inserts of one slot would each find another's uncommitted row while checking the exclusion
        // constraint and wait for it; PostgreSQL's deadlock detector breaks one such cycle a second. Without the placement
        // locks (PlacementLocks) about one round in twelve chained them: 34 to 36 s, 35 deadlocks, and 500s where an
        // insert waited past the command timeout (three such rounds in 30, and three in 35).
        var clients = await ClientsAsync(40);
        var deadlocksBefore = await DeadlocksAsync();
        for (var round = 0; round < 35; round++)   // Tuesday 3 to Saturday 7 March, 09:00 to 15:00
        {
            var start = BookingWorld.At(2026, 3, 3 + round / 7, 9 + round % 7);
            var responses = await TogetherAsync(clients.Select(c => (Func<Task<HttpResponseMessage>>)(() => _world.HoldAsync(c.Token, start))));

            Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.Created) == 1
                && responses.Count(r => r.StatusCode == HttpStatusCode.Conflict) == clients.Count - 1, $"round {round}: {Statuses(responses)}");
            // A client may hold three slots at once: the round's hold is let go before the next round.
            await QueryAsync("UPDATE appointments SET status = 'expired' WHERE status = 'held' AND provider_id = @provider RETURNING id",
                r => r.GetGuid(0), ("provider", _world.DoctorId));
        }
        // The backends report their deadlocks to the statistics within about a second of going idle.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(deadlocksBefore, await DeadlocksAsync());
    }

    private async Task<long> DeadlocksAsync() =>
        (await QueryAsync("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()", r => r.GetInt64(0))).Single();

    [Fact]
    public async Task Concurrent_holds_on_partially_overlapping_ranges_of_one_provider_admit_no_overlap()
    {
        // Starts 09:00 to 11:00 every 15 minutes, each wanted by three clients; the 60-minute service occupies
        // 75 minutes, so neighbours overlap but e.g. 09:00 and 10:15 could both win.
        var starts = Enumerable.Range(0, 9).Select(i => BookingWorld.At(2026, 3, 3, 9) + Duration.FromMinutes(15 * i)).ToList();
        var wanted = starts.SelectMany(s => Enumerable.Repeat(s, 3)).ToList();
        var clients = await ClientsAsync(wanted.Count);

        var responses = await TogetherAsync(wanted.Select((start, i) => (Func<Task<HttpResponseMessage>>)(() => _world.HoldAsync(clients[i].Token, start))));

        var won = new List<Instant>();
        var lost = new List<Instant>();
        for (var i = 0; i < responses.Length; i++)
        {
            if (responses[i].StatusCode == HttpStatusCode.Created)
            {
                await responses[i].ExpectAsync(HttpStatusCode.Created);
                won.Add(wanted[i]);
            }
            else
            {
                await responses[i].ExpectAsync(HttpStatusCode.Conflict);
                lost.Add(wanted[i]);
            }
        }
        output.WriteLine($"winners: {string.Join(", ", won.Select(w => w.InZone(BookingWorld.Athens).TimeOfDay.ToString("HH:mm", null)))}");

        Assert.NotEmpty(won);
        foreach (var a in won)
            foreach (var b in won.Where(b => b > a))
                Assert.False(Overlaps(a, b), $"Two holds won overlapping ranges: {a} and {b}");
        // A 409 is only right when a winner really occupies part of the range.
        foreach (var loser in lost)
            Assert.True(won.Any(w => Overlaps(w, loser)), $"The hold at {loser} lost although no winner overlaps it");

        Assert.Empty(await OverlappingPairsAsync([_world.DoctorId], liveAt: null));
        Assert.Equal(won.Count, await CountAsync(
            "SELECT count(*) FROM appointments WHERE provider_id = @provider AND status = 'held'", ("provider", _world.DoctorId)));
    }

    [Fact]
    public async Task A_randomized_run_of_thousands_of_concurrent_calls_leaves_no_overlapping_active_ranges()
    {
        const int seed = 20260302;
        const int operations = 2500;
        const int parallelism = 16;
        var random = new Random(seed);
        var plans = Enumerable.Range(0, operations).Select(_ => Plan.Draw(random)).ToList();

        var clients = await ClientsAsync(30);
        var clientHttp = clients.Select(c => api.Authorized(c.Token)).ToArray();
        var staffHttp = api.Authorized(_world.SecretaryToken);
        var anonymousHttp = api.CreateClient();
        var providers = new[] { _world.DoctorId, _world.SecondDoctorId };
        var services = new[] { _world.LongServiceId, _world.ShortServiceId };
        var days = new[] { new LocalDate(2026, 3, 3), new LocalDate(2026, 3, 4), new LocalDate(2026, 3, 5) };
        Instant Slot(int day, int firstHour, int step) =>
            (days[day] + new LocalTime(firstHour, 0).PlusMinutes(15 * step)).InZoneLeniently(BookingWorld.Athens).ToInstant();

        var booked = new List<(Guid Id, int Client)>();
        var tally = new ConcurrentDictionary<string, int>();
        var reasons = new ConcurrentDictionary<string, int>();
        var unexpected = new ConcurrentQueue<string>();
        var calls = 0;
        var completed = 0;

        async Task<HttpResponseMessage> Send(string operation, Func<Task<HttpResponseMessage>> call)
        {
            Interlocked.Increment(ref calls);
            var response = await call();
            var status = (int)response.StatusCode;
            tally.AddOrUpdate($"{operation} {status}", 1, (_, n) => n + 1);
            if (status is not (200 or 201 or 404 or 409))
                unexpected.Enqueue($"{operation} -> {status}: {await response.Content.ReadAsStringAsync()}");
            else if (status == 409)
                reasons.AddOrUpdate($"{operation}: {(await response.JsonAsync()).GetProperty("detail").GetString()}", 1, (_, n) => n + 1);
            return response;
        }

        (Guid Id, int Client)? Pick(int lottery)
        {
            lock (booked)
                return booked.Count == 0 ? null : booked[lottery % booked.Count];
        }

        async Task Remember(HttpResponseMessage response, int client)
        {
            if (response.StatusCode != HttpStatusCode.Created)
                return;
            var id = (await response.JsonAsync()).GetProperty("id").GetGuid();
            lock (booked)
                booked.Add((id, client));
        }

        Task<HttpResponseMessage> StaffBook(Plan plan) =>
            Send("staff-book", () => staffHttp.PostJsonAsync("/appointments", new
            {
                clinicId = _world.ClinicId, serviceId = services[plan.Service], providerId = providers[plan.Provider],
                start = BookingWorld.Iso(Slot(plan.Day, 8, plan.StaffStep)), clientId = clients[plan.Client].Id,
            }));

        async Task Run(Plan plan)
        {
            var target = plan.Kind is Kind.Reschedule or Kind.Cancel ? Pick(plan.Lottery) : null;
            switch (plan.Kind)
            {
                case Kind.Hold:
                {
                    using var hold = await Send("hold", () => clientHttp[plan.Client].PostJsonAsync("/appointments/hold", new
                    {
                        clinicId = _world.ClinicId, serviceId = services[plan.Service], providerId = providers[plan.Provider],
                        start = BookingWorld.Iso(Slot(plan.Day, 9, plan.ClientStep)),
                    }));
                    if (hold.StatusCode == HttpStatusCode.Created && plan.Confirm)
                    {
                        var holdId = (await hold.JsonAsync()).GetProperty("holdId").GetGuid();
                        using var confirmed = await Send("confirm", () => clientHttp[plan.Client].PostJsonAsync("/appointments", new { holdId }));
                        await Remember(confirmed, plan.Client);
                    }
                    break;
                }
                case Kind.Reschedule when target is { } appointment:
                {
                    var http = plan.ByClient ? clientHttp[appointment.Client] : staffHttp;
                    var first = plan.ByClient ? 9 : 8;
                    var step = plan.ByClient ? plan.ClientStep : plan.StaffStep;
                    using var _ = await Send(plan.ByClient ? "client-reschedule" : "staff-reschedule", () => http.PatchJsonAsync(
                        $"/appointments/{appointment.Id}/reschedule",
                        new { start = BookingWorld.Iso(Slot(plan.Day, first, step)), providerId = plan.SwitchProvider ? providers[plan.Provider] : (Guid?)null }));
                    break;
                }
                case Kind.Cancel when target is { } appointment:
                {
                    var http = plan.ByClient ? clientHttp[appointment.Client] : staffHttp;
                    using var cancelled = await Send(plan.ByClient ? "client-cancel" : "staff-cancel", () => http.PatchJsonAsync(
                        $"/appointments/{appointment.Id}/cancel", new { reason = "randomized run" }));
                    // Later operations mostly aim at live appointments; those already in flight still race on this one.
                    if (cancelled.StatusCode == HttpStatusCode.OK)
                        lock (booked)
                            booked.Remove(appointment);
                    break;
                }
                case Kind.Availability:
                {
                    using var _ = await Send("availability", () => anonymousHttp.GetAsync(
                        $"/availability?clinicId={_world.ClinicId}&serviceId={services[plan.Service]}&date={days[plan.Day]:yyyy-MM-dd}&providerId={providers[plan.Provider]}"));
                    break;
                }
                default:
                {
                    // A staff booking, or a reschedule or cancel drawn before anything was booked.
                    using var response = await StaffBook(plan);
                    await Remember(response, plan.Client);
                    break;
                }
            }
            // Time moves on during the run (about 40 minutes in all), so holds expire and their slots come free again.
            if (Interlocked.Increment(ref completed) % 60 == 0)
                api.Clock.Advance(Duration.FromMinutes(1));
        }

        var stopwatch = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(parallelism);
        await Task.WhenAll(plans.Select(async plan =>
        {
            await gate.WaitAsync();
            try
            {
                await Run(plan);
            }
            finally
            {
                gate.Release();
            }
        }));
        stopwatch.Stop();

        output.WriteLine($"{calls} HTTP calls in {stopwatch.Elapsed.TotalSeconds:0.0} s (seed {seed}, {parallelism} at a time)");
        foreach (var (key, count) in tally.OrderBy(t => t.Key))
            output.WriteLine($"  {key}: {count}");
        foreach (var (reason, count) in reasons.OrderBy(t => t.Key))
            output.WriteLine($"  409 {reason}: {count}");

        Assert.True(unexpected.IsEmpty, $"{unexpected.Count} calls answered outside 200/201/404/409, e.g.:\n{string.Join("\n", unexpected.Take(10))}");
        Assert.True(calls >= 2000, $"Only {calls} HTTP calls were made");

        Assert.Empty(await OverlappingPairsAsync(providers, liveAt: null));
        Assert.Empty(await OverlappingPairsAsync(providers, liveAt: api.Clock.GetCurrentInstant()));

        // Every success the API reported is in the database, and nothing else is.
        int Tally(string key) => tally.GetValueOrDefault(key);
        var confirmedRows = await CountAsync(
            "SELECT count(*) FROM appointments WHERE provider_id = ANY(@providers) AND status = 'confirmed'", ("providers", providers));
        var allRows = await CountAsync("SELECT count(*) FROM appointments WHERE provider_id = ANY(@providers)", ("providers", providers));
        Assert.Equal(Tally("confirm 201") + Tally("staff-book 201") - Tally("client-cancel 200") - Tally("staff-cancel 200"), confirmedRows);
        Assert.Equal(Tally("hold 201") + Tally("staff-book 201"), allRows);
        // The run did book. How many stay confirmed at the end is a small difference of two large numbers (cancels pick
        // live appointments, so most bookings are cancelled again: 20 to 32 left of about 340 in recent runs), so the
        // check is on the bookings made, and that some survived.
        Assert.True(Tally("confirm 201") + Tally("staff-book 201") > 100,
            $"Only {Tally("confirm 201")} confirmations and {Tally("staff-book 201")} staff bookings succeeded");
        Assert.True(confirmedRows > 0, "No appointment stayed confirmed");
        Assert.True(Tally("staff-reschedule 200") + Tally("client-reschedule 200") > 0, "No reschedule succeeded");
    }

    [Fact]
    public async Task An_expired_hold_frees_its_slot()
    {
        var start = BookingWorld.At(2026, 3, 3, 11);
        var (_, first) = await _world.NewClientAsync();
        var (_, second) = await _world.NewClientAsync();
        var oldHold = (await (await _world.HoldAsync(first, start)).ExpectAsync(HttpStatusCode.Created)).GetProperty("holdId").GetGuid();
        Assert.DoesNotContain(start, await AvailableStartsAsync(start));

        var clock = new ClockScope(api.Clock);
        try
        {
            clock.Advance(Duration.FromMinutes(11));   // holds live 10 minutes

            Assert.Contains(start, await AvailableStartsAsync(start));
            var newHold = (await (await _world.HoldAsync(second, start)).ExpectAsync(HttpStatusCode.Created)).GetProperty("holdId").GetGuid();
            await (await api.Authorized(first).PostJsonAsync("/appointments", new { holdId = oldHold })).ExpectAsync(HttpStatusCode.Conflict);
            Assert.DoesNotContain(start, await AvailableStartsAsync(start));

            var rows = await QueryAsync("SELECT id, status FROM appointments WHERE provider_id = @provider ORDER BY created_at, id",
                r => (r.GetGuid(0), r.GetString(1)), ("provider", _world.DoctorId));
            Assert.Equal([(oldHold, "expired"), (newHold, "held")], rows);
        }
        finally
        {
            clock.Restore();
        }
    }

    [Fact]
    public async Task Concurrent_confirmations_of_one_hold_confirm_it_once()
    {
        var (_, client) = await _world.NewClientAsync();
        var holdId = (await (await _world.HoldAsync(client, BookingWorld.At(2026, 3, 3, 11))).ExpectAsync(HttpStatusCode.Created))
            .GetProperty("holdId").GetGuid();
        var http = api.Authorized(client);

        var responses = await TogetherAsync(Enumerable.Range(0, 10).Select(_ => (Func<Task<HttpResponseMessage>>)(() => http.PostJsonAsync("/appointments", new { holdId }))));

        var winners = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.True(winners.Count == 1, $"Expected exactly one 201, got: {Statuses(responses)}");
        Assert.Equal(holdId, (await winners[0].ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid());
        foreach (var loser in responses.Except(winners))
            await loser.ExpectAsync(HttpStatusCode.Conflict);

        var rows = await QueryAsync("SELECT id, status FROM appointments WHERE provider_id = @provider",
            r => (r.GetGuid(0), r.GetString(1)), ("provider", _world.DoctorId));
        Assert.Equal([(holdId, "confirmed")], rows);
        // Booked once means one AppointmentBooked event, not one per request that got in.
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM outbox_messages WHERE payload::text LIKE @id AND type LIKE '%AppointmentBooked%'",
            ("id", $"%{holdId}%")));
    }

    [Fact]
    public async Task Concurrent_reschedules_into_one_slot_let_one_win()
    {
        // Three appointments of each doctor on Tuesday, all moved at once to the first doctor's Wednesday 10:00.
        var originals = new List<(Guid Id, Guid Provider, Instant Start)>();
        foreach (var provider in new[] { _world.DoctorId, _world.SecondDoctorId })
            foreach (var start in new[] { BookingWorld.At(2026, 3, 3, 9), BookingWorld.At(2026, 3, 3, 10, 15), BookingWorld.At(2026, 3, 3, 11, 30) })
            {
                var (clientId, _) = await _world.NewClientAsync();
                var appointment = await (await _world.StaffBookAsync(clientId, start, provider)).ExpectAsync(HttpStatusCode.Created);
                originals.Add((appointment.GetProperty("id").GetGuid(), provider, start));
            }
        var target = BookingWorld.At(2026, 3, 4, 10);
        var staff = api.Authorized(_world.SecretaryToken);

        var responses = await TogetherAsync(originals.Select(a => (Func<Task<HttpResponseMessage>>)(() =>
            staff.PatchJsonAsync($"/appointments/{a.Id}/reschedule", new { start = BookingWorld.Iso(target), providerId = _world.DoctorId }))));

        var winners = Enumerable.Range(0, responses.Length).Where(i => responses[i].StatusCode == HttpStatusCode.OK).ToList();
        Assert.True(winners.Count == 1, $"Expected exactly one 200, got: {Statuses(responses)}");
        await responses[winners[0]].ExpectAsync(HttpStatusCode.OK);
        foreach (var loser in responses.Where((_, i) => i != winners[0]))
            await loser.ExpectAsync(HttpStatusCode.Conflict);

        var rows = (await QueryAsync("SELECT id, provider_id, start, status FROM appointments WHERE clinic_id = @clinic",
            r => (Id: r.GetGuid(0), Provider: r.GetGuid(1), Start: Instant.FromDateTimeUtc(r.GetDateTime(2)), Status: r.GetString(3)), ("clinic", _world.ClinicId)))
            .ToDictionary(r => r.Id);
        Assert.Equal(originals.Count, rows.Count);
        Assert.All(rows.Values, r => Assert.Equal("confirmed", r.Status));
        for (var i = 0; i < originals.Count; i++)
        {
            var (id, provider, start) = originals[i];
            var expected = i == winners[0] ? (_world.DoctorId, target) : (provider, start);
            Assert.Equal(expected, (rows[id].Provider, rows[id].Start));
        }
        Assert.Empty(await OverlappingPairsAsync([_world.DoctorId, _world.SecondDoctorId], liveAt: null));
    }

    [Fact]
    public async Task A_client_cannot_hold_more_than_three_slots_even_when_asking_concurrently()
    {
        var (clientId, client) = await _world.NewClientAsync();
        var starts = new[] { (3, 9, 0), (3, 10, 15), (3, 11, 30), (3, 12, 45), (3, 14, 0), (3, 15, 15), (4, 9, 0), (4, 10, 15) }
            .Select(s => BookingWorld.At(2026, 3, s.Item1, s.Item2, s.Item3)).ToList();

        var responses = await TogetherAsync(starts.Select(s => (Func<Task<HttpResponseMessage>>)(() => _world.HoldAsync(client, s))));

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.True(created.Count == 3, $"Expected exactly three 201, got: {Statuses(responses)}");
        foreach (var response in created)
            await response.ExpectAsync(HttpStatusCode.Created);
        foreach (var response in responses.Except(created))
            await response.ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal(3L, await CountAsync("SELECT count(*) FROM appointments WHERE created_by = @client AND status = 'held'", ("client", clientId)));
    }


    // Two reschedules that cross each other's ranges can deadlock in PostgreSQL (40P01: each update waits on the other's
    // old row under the exclusion constraint); the victim lost a race and must answer 409, never 500.
    [Fact]
    public async Task Concurrent_reschedules_swapping_two_appointments_answer_409_and_never_500()
    {
        // Pairs of back-to-back appointments (75 minutes each with the buffer); each pair tries to swap places, both
        // moves at once. Neither move can succeed while the other appointment is still there, so both answer 409.
        var pairs = new List<(Guid First, Guid Second, Instant Early, Instant Late)>();
        foreach (var provider in new[] { _world.DoctorId, _world.SecondDoctorId })
            foreach (var (hour, minute) in new[] { (7, 0), (9, 30), (12, 0), (14, 30), (17, 0) })   // staff may book outside working hours
            {
                var early = BookingWorld.At(2026, 3, 3, hour, minute);
                var late = early + LongOccupies;
                var (c1, _) = await _world.NewClientAsync();
                var (c2, _) = await _world.NewClientAsync();
                var first = (await (await _world.StaffBookAsync(c1, early, provider)).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
                var second = (await (await _world.StaffBookAsync(c2, late, provider)).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
                pairs.Add((first, second, early, late));
            }
        var staff = api.Authorized(_world.SecretaryToken);
        Task<HttpResponseMessage> Move(Guid id, Instant start) =>
            staff.PatchJsonAsync($"/appointments/{id}/reschedule", new { start = BookingWorld.Iso(start) });

        // The race is narrow (a few in a thousand crossings), so try many times and stop at the first wrong answer.
        const int rounds = 100;
        var failures = new List<string>();
        for (var round = 0; round < rounds && failures.Count == 0; round++)
        {
            var responses = await TogetherAsync(pairs.SelectMany(p => new Func<Task<HttpResponseMessage>>[] { () => Move(p.First, p.Late), () => Move(p.Second, p.Early) }));
            foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Conflict))
                failures.Add($"round {round}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        Assert.True(failures.Count == 0, $"Crossing reschedules did not all answer 409:\n{string.Join("\n", failures)}");
        var starts = (await QueryAsync("SELECT id, start FROM appointments WHERE clinic_id = @clinic",
            r => (r.GetGuid(0), Instant.FromDateTimeUtc(r.GetDateTime(1))), ("clinic", _world.ClinicId))).ToDictionary(r => r.Item1, r => r.Item2);
        Assert.All(pairs, p => Assert.Equal((p.Early, p.Late), (starts[p.First], starts[p.Second])));
    }

    // ---- helpers ----

    private enum Kind { Hold, StaffBook, Reschedule, Cancel, Availability }

    /// <summary>One randomized operation, drawn up front from the seeded generator so a run is reproducible up to scheduling.</summary>
    private sealed record Plan(Kind Kind, int Client, int Provider, int Service, int Day, int ClientStep, int StaffStep, bool Confirm, bool ByClient, bool SwitchProvider, int Lottery)
    {
        public static Plan Draw(Random random)
        {
            var roll = random.Next(100);
            var kind = roll switch { < 40 => Kind.Hold, < 62 => Kind.StaffBook, < 82 => Kind.Reschedule, < 96 => Kind.Cancel, _ => Kind.Availability };
            return new Plan(kind,
                Client: random.Next(30), Provider: random.Next(2), Service: random.Next(2), Day: random.Next(3),
                ClientStep: random.Next(32),   // 09:00 to 16:45 local, inside working hours (the service may still not fit: 409)
                StaffStep: random.Next(44),    // 08:00 to 18:45 local: staff may book outside working hours too
                Confirm: random.Next(100) < 70, ByClient: random.Next(100) < 20, SwitchProvider: random.Next(100) < 30,
                Lottery: random.Next(int.MaxValue));
        }
    }

    private static bool Overlaps(Instant a, Instant b) => a < b + LongOccupies && b < a + LongOccupies;

    private async Task<List<(Guid Id, string Token)>> ClientsAsync(int count) =>
        (await Task.WhenAll(Enumerable.Range(0, count).Select(_ => _world.NewClientAsync()))).ToList();

    /// <summary>Starts all calls, then lets them go at the same moment.</summary>
    private static async Task<HttpResponseMessage[]> TogetherAsync(IEnumerable<Func<Task<HttpResponseMessage>>> calls)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = calls.Select(call => Task.Run(async () =>
        {
            await go.Task;
            return await call();
        })).ToList();
        go.SetResult();
        return await Task.WhenAll(tasks);
    }

    private static string Statuses(IEnumerable<HttpResponseMessage> responses) =>
        string.Join(", ", responses.GroupBy(r => (int)r.StatusCode).OrderBy(g => g.Key).Select(g => $"{g.Count()} x {g.Key}"));

    private async Task<List<Instant>> AvailableStartsAsync(Instant day)
    {
        var date = day.InZone(BookingWorld.Athens).Date;
        var json = await (await api.CreateClient().GetAsync(
                $"/availability?clinicId={_world.ClinicId}&serviceId={_world.LongServiceId}&date={date:yyyy-MM-dd}&providerId={_world.DoctorId}"))
            .ExpectAsync(HttpStatusCode.OK);
        return json.GetProperty("slots").EnumerateArray()
            .Select(s => InstantPattern.ExtendedIso.Parse(s.GetProperty("start").GetString()!).Value).ToList();
    }

    /// <summary>
    /// Pairs of one provider's rows that take overlapping time: confirmed appointments and holds, live at
    /// <paramref name="liveAt"/> or, with null, every held row whatever its expiry (what the exclusion constraint covers).
    /// </summary>
    private Task<List<string>> OverlappingPairsAsync(Guid[] providers, Instant? liveAt) =>
        QueryAsync(
            """
            SELECT a.id, a.status, a.occupied_from, a.occupied_to, b.id, b.status, b.occupied_from, b.occupied_to
            FROM appointments a
            JOIN appointments b ON b.provider_id = a.provider_id AND a.id < b.id
                 AND tstzrange(a.occupied_from, a.occupied_to) && tstzrange(b.occupied_from, b.occupied_to)
            WHERE a.provider_id = ANY(@providers)
              AND (a.status = 'confirmed' OR (a.status = 'held' AND (@strict OR a.hold_expires_at > @now)))
              AND (b.status = 'confirmed' OR (b.status = 'held' AND (@strict OR b.hold_expires_at > @now)))
            """,
            r => $"{r.GetGuid(0)} {r.GetString(1)} [{r.GetDateTime(2):O}, {r.GetDateTime(3):O}) overlaps {r.GetGuid(4)} {r.GetString(5)} [{r.GetDateTime(6):O}, {r.GetDateTime(7):O})",
            ("providers", providers), ("strict", liveAt is null), ("now", Utc(liveAt ?? api.Clock.GetCurrentInstant())));

    private static DateTime Utc(Instant instant) => instant.ToDateTimeUtc();

    private async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters) =>
        (await QueryAsync(sql, r => r.GetInt64(0), parameters)).Single();

    private async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
            rows.Add(read(reader));
        return rows;
    }
}
