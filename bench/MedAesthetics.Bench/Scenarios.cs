using System.Globalization;

namespace MedAesthetics.Bench;

public sealed record ContentionRound(string Slot, int Created, int Conflicts, int Other, int ServerErrors)
{
    public bool Correct => Created == 1 && Other == 0 && ServerErrors == 0;
}

public sealed record ContentionSummary(int BurstSize, IReadOnlyList<ContentionRound> Rounds)
{
    public bool Correct => Rounds.Count > 0 && Rounds.All(r => r.Correct);
    public string Describe() => string.Join(", ", Rounds.Select((r, i) => $"round {i + 1}: {r.Created}x201 {r.Conflicts}x409 {r.Other} other ({r.ServerErrors} 5xx)"));
}

/// <summary>The HTTP scenarios, in an order where each finds what it needs: clients register, book, then the calendar is read with those bookings in it.</summary>
public sealed class Scenarios(Api api, BenchConfig config, IReadOnlyList<LeadContactSample> samples, Action<string> log)
{
    private const string ClientPassword = "BenchPass!2026";
    private const int WarmUpClients = 8;
    private const int BurstSize = 50;
    private const int BurstRounds = 3;

    private static readonly string[] NameQueries =
    [
        "papad", "georgiou", "eleni k", "konstant", "vlach", "maria pap", "dimitr", "angelop",
        "nikol", "tsak", "christodoulou", "sofia m", "katerina", "oikonom", "lazarid", "xenak",
    ];
    private static readonly string[] FirstNames = ["Maria", "Eleni", "Katerina", "Sofia", "Georgia", "Ioanna", "Dimitra", "Nikos", "Giorgos", "Anna"];
    private static readonly string[] LastNames = ["Papadopoulou", "Georgiou", "Papadaki", "Konstantinou", "Vlachou", "Nikolaou", "Makri", "Alexiou"];
    private static readonly string[] IntakeSources = ["facebook", "instagram", "google", "tiktok", "website"];

    private readonly List<ScenarioResult> results = [];
    private bool apiGone;
    private int Count(int n) => Math.Max(10, (int)Math.Round(n * config.Scale));

    public async Task<(List<ScenarioResult>, ContentionSummary)> RunAllAsync()
    {
        // Setup (not measured): the demo clinic, its botox service, staff tokens.
        var clinics = Api.Expect(await api.GetAsync("/clinics"), "GET /clinics");
        var clinicId = clinics.GetProperty("items").EnumerateArray().First(c => c.GetProperty("name").GetString() == "Aesthetica Athens").GetProperty("id").GetString()!;
        var services = Api.Expect(await api.GetAsync($"/clinics/{clinicId}/services"), "GET services");
        var botox = services.GetProperty("items").EnumerateArray().First(s => s.GetProperty("name").GetString()!.StartsWith("Botox", StringComparison.Ordinal));
        var serviceId = botox.GetProperty("id").GetString()!;
        var gap = TimeSpan.FromMinutes(botox.GetProperty("bufferBeforeMinutes").GetInt32() + botox.GetProperty("bufferAfterMinutes").GetInt32());
        var adminToken = await LoginAsync("admin@demo.local", "DemoPass!2026");
        var salesToken = await LoginAsync("sales@demo.local", "DemoPass!2026");

        // --- Identity: registration (password hashing included) -----------------------------------------------------
        var clients = config.Clients;
        var run = Guid.NewGuid().ToString("N")[..8];
        string Email(int i) => $"bench.{run}.{i}@bench.example";
        var tokens = new string[clients + WarmUpClients];
        var clientIds = new string[clients + WarmUpClients];
        object RegisterBody(int i) => new
        {
            email = Email(i), password = ClientPassword, firstName = FirstNames[i % FirstNames.Length], lastName = LastNames[i % LastNames.Length],
            acceptTerms = true,
        };
        void KeepToken(int i, Reply r)
        {
            if (!r.Is2xx) return;
            tokens[i] = r.Json.GetProperty("accessToken").GetString()!;
            clientIds[i] = r.Json.GetProperty("user").GetProperty("id").GetString()!;
        }
        await Load.RunAsync("warm-up", "register", WarmUpClients, config.Concurrency, i => api.PostAsync("/auth/register", RegisterBody(clients + i)),
            onReply: (i, r) => KeepToken(clients + i, r));
        await Measure("identity", "POST /auth/register", clients, i => api.PostAsync("/auth/register", RegisterBody(i)), onReply: KeepToken);
        if (tokens.Any(t => t is null))
            throw new InvalidOperationException("Some clients could not register; the booking scenarios need all of them.");

        // --- Booking: distinct slots held and confirmed concurrently, then bursts on one slot ------------------------
        var slots = await FreeSlotsAsync(clinicId, serviceId, gap, clients + WarmUpClients + BurstRounds);
        object HoldBody(Slot s) => new { clinicId, serviceId, providerId = s.ProviderId, start = s.Start };
        var holds = new string[clients + WarmUpClients];
        void KeepHold(int i, Reply r)
        {
            if (r.Is2xx) holds[i] = r.Json.GetProperty("holdId").GetString()!;
        }
        await Load.RunAsync("warm-up", "hold", WarmUpClients, config.Concurrency,
            i => api.PostAsync("/appointments/hold", HoldBody(slots[clients + i]), tokens[clients + i]), onReply: (i, r) => KeepHold(clients + i, r));
        await Load.RunAsync("warm-up", "confirm", WarmUpClients, config.Concurrency,
            i => api.PostAsync("/appointments", new { holdId = holds[clients + i] }, tokens[clients + i]));
        await Measure("booking", "POST /appointments/hold (distinct slots)", clients,
            i => api.PostAsync("/appointments/hold", HoldBody(slots[i]), tokens[i]), onReply: KeepHold,
            note: "each client holds its own free slot; any 409 is an error");
        await Measure("booking", "POST /appointments (confirm hold)", clients,
            i => holds[i] is null ? Task.FromResult(new Reply(0, [])) : api.PostAsync("/appointments", new { holdId = holds[i] }, tokens[i]));

        var rounds = new List<ContentionRound>();
        for (var round = 0; round < BurstRounds; round++)
        {
            var slot = slots[clients + WarmUpClients + round];
            var offset = round * BurstSize % Math.Max(1, clients - BurstSize + 1);
            var result = await Load.BurstAsync("booking", $"burst: {BurstSize} holds on one slot (round {round + 1})", BurstSize,
                i => api.PostAsync("/appointments/hold", HoldBody(slot), tokens[offset + i]), status => status == 409,
                "expected: exactly one 201, the rest 409", config.ApiPid);
            results.Add(result);
            Print(result);
            var created = result.Statuses.GetValueOrDefault("201");
            var conflicts = result.Statuses.GetValueOrDefault("409");
            rounds.Add(new ContentionRound(slot.Start, created, conflicts, result.Requests - created - conflicts, result.ServerErrors));
        }
        var contention = new ContentionSummary(BurstSize, rounds);
        log($"  contention: {contention.Describe()} -> {(contention.Correct ? "correct" : "WRONG")}");

        // --- Availability (anonymous), with the bookings above in the calendar ----------------------------------------
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3));
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(1);
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Measure("availability", "GET /availability (1 day)", Count(1500),
            _ => api.GetAsync($"/availability?clinicId={clinicId}&serviceId={serviceId}&date={date}"), warmUp: 40);
        await Measure("availability", "GET /availability (days=31)", Count(300),
            _ => api.GetAsync($"/availability?clinicId={clinicId}&serviceId={serviceId}&date={date}&days=31"), warmUp: 20);

        // --- CRM: lead search over the generated leads ---------------------------------------------------------------
        var phoneQueries = samples.Where(s => s.Phone is not null).Select(s => s.Phone![6..12]).Take(64).ToArray();
        if (phoneQueries.Length == 0) phoneQueries = ["6944123"];
        await Measure("crm", "GET /crm/leads?q=<partial name> (admin)", Count(400),
            i => api.GetAsync($"/crm/leads?q={Uri.EscapeDataString(NameQueries[i % NameQueries.Length])}&pageSize=20", adminToken), warmUp: 16,
            note: string.Join(", ", NameQueries));
        await Measure("crm", "GET /crm/leads?q=<6 phone digits> (admin)", Count(400),
            i => api.GetAsync($"/crm/leads?q={phoneQueries[i % phoneQueries.Length]}&pageSize=20", adminToken), warmUp: 16);
        await Measure("crm", "GET /crm/leads?status=contacted&sort=-createdAt (admin)", Count(200),
            _ => api.GetAsync("/crm/leads?status=contacted&sort=-createdAt&pageSize=20", adminToken), warmUp: 16);
        await Measure("crm", "GET /crm/leads (salesperson, first page)", Count(200),
            _ => api.GetAsync("/crm/leads?pageSize=20", salesToken), warmUp: 16,
            note: "a salesperson's default list: no filter but its access rule");
        await Measure("crm", "GET /crm/leads?q=<partial name> (salesperson)", Count(200),
            i => api.GetAsync($"/crm/leads?q={Uri.EscapeDataString(NameQueries[i % NameQueries.Length])}&pageSize=20", salesToken), warmUp: 16,
            note: "access rule: assigned to me, or a clinic granted to me, or unassigned without clinic");

        // --- CRM: lead intake by webhook (normalisation, duplicate detection, round-robin assignment) ----------------
        object IntakeBody(int i)
        {
            var random = new Random(i * 7919 + 17);
            var duplicateOf = samples.Count > 0 && i % 5 == 0 ? samples[random.Next(samples.Count)] : null;
            var phoneDigits = $"69{random.Next(10)}{random.Next(10_000_000):D7}";
            return new
            {
                firstName = duplicateOf?.FirstName ?? FirstNames[random.Next(FirstNames.Length)],
                lastName = duplicateOf?.LastName ?? LastNames[random.Next(LastNames.Length)],
                email = duplicateOf is not null ? duplicateOf.Email : $"intake.{run}.{i}@example.com",
                phone = duplicateOf is not null ? duplicateOf.Phone : i % 2 == 0 ? $"{phoneDigits[..3]} {phoneDigits[3..6]} {phoneDigits[6..]}" : $"+30 {phoneDigits}",
                source = IntakeSources[i % IntakeSources.Length],
                clinicId = i % 2 == 0 ? clinicId : null,
                tags = i % 3 == 0 ? new[] { "botox" } : null,
            };
        }
        var webhook = ("X-Webhook-Key", config.WebhookKey);
        await Load.RunAsync("warm-up", "intake", 16, config.Concurrency, i => api.PostAsync("/crm/leads", IntakeBody(1_000_000 + i), null, webhook));
        await Measure("crm", "POST /crm/leads (webhook intake)", Count(150), i => api.PostAsync("/crm/leads", IntakeBody(i), null, webhook),
            note: "1 in 5 repeats a generated lead's contact (duplicate path); half name the demo clinic");

        // --- Identity: login (PBKDF2) and an authenticated read ------------------------------------------------------
        var fresh = new string[clients];
        await Measure("identity", "POST /auth/login", Count(300),
            i => api.PostAsync("/auth/login", new { email = Email(i % clients), password = ClientPassword }), warmUp: 8,
            onReply: (i, r) =>
            {
                if (r.Is2xx) fresh[i % clients] = r.Json.GetProperty("accessToken").GetString()!;
            });
        await Measure("identity", "GET /users/me", Count(3000), i => api.GetAsync("/users/me", fresh[i % clients] ?? tokens[i % clients]), warmUp: 40);

        // --- Loyalty: account reads and redemptions, each with its own Idempotency-Key --------------------------------
        var holders = Math.Min(clients, 50);
        string Token(int i) => fresh[i % holders] ?? tokens[i % holders];
        for (var i = 0; i < holders; i++)
            Api.Expect(await api.PostAsync($"/loyalty/{clientIds[i]}/adjustments", new { points = 1_000_000, reason = "bench balance" }, adminToken), "adjust points");
        await Measure("loyalty", "GET /loyalty/{clientId} (the client itself)", Count(1000), i => api.GetAsync($"/loyalty/{clientIds[i % holders]}", Token(i)), warmUp: 20,
            note: $"{holders} clients with one adjustment lot and their redemptions");
        object RedeemBody(int i) => new { clientId = clientIds[i % holders], points = 100 };
        await Load.RunAsync("warm-up", "redeem", 16, config.Concurrency,
            i => api.PostAsync("/loyalty/redeem", RedeemBody(i), Token(i), ("Idempotency-Key", $"{run}-warm-{i}")));
        await Measure("loyalty", "POST /loyalty/redeem (distinct keys)", Count(300),
            i => api.PostAsync("/loyalty/redeem", RedeemBody(i), Token(i), ("Idempotency-Key", $"{run}-{i}")),
            note: $"100 points each, spread over {holders} clients (8 workers: some wait for the same account's lock)");
        // --- Notifications: each client's inbox holds 200 entries, 1 in 10 unread, beside 200 x clients others' ------
        var seeded = await SeedInboxesAsync($"bench.{run}.%", 200);
        log($"Seeded {seeded} notifications for the bench clients.");
        string Reader(int i) => fresh[i % clients] ?? tokens[i % clients];
        await Measure("notifications", "GET /notifications/unread-count", Count(3000), i => api.GetAsync("/notifications/unread-count", Reader(i)), warmUp: 40,
            note: "one index-only scan of the partial index of unread rows");
        await Measure("notifications", "GET /notifications?pageSize=20", Count(1000), i => api.GetAsync("/notifications?pageSize=20", Reader(i)), warmUp: 20);
        await Measure("notifications", "GET /notifications?unreadOnly=true", Count(1000), i => api.GetAsync("/notifications?unreadOnly=true", Reader(i)), warmUp: 20);

        return (results, contention);
    }

    /// <summary>Writes inbox entries straight into the table for the users whose email matches, then analyses it.</summary>
    private async Task<long> SeedInboxesAsync(string emailPattern, int perUser)
    {
        await using var data = Npgsql.NpgsqlDataSource.Create(config.ConnectionString);
        await using var insert = data.CreateCommand($$"""
            INSERT INTO notifications (id, user_id, type, title, body, data, urgent, marketing, visible, source_key, read_at, created_at, updated_at)
            SELECT gen_random_uuid(), u.id, 'appointment_booked', 'Appointment confirmed',
                   'Maria, your Botox at Aesthetica Athens is confirmed for 6 March 2026 at 10:00.', '{"appointmentId":"x"}', false, false, true,
                   'bench:' || n, CASE WHEN n % 10 = 0 THEN NULL ELSE now() END, now() - n * interval '1 hour', now()
            FROM users u, generate_series(1, {{perUser}}) AS n
            WHERE u.email LIKE $1
            """);
        insert.Parameters.AddWithValue(emailPattern);
        var rows = await insert.ExecuteNonQueryAsync();
        await using var analyze = data.CreateCommand("VACUUM (ANALYZE) notifications");
        await analyze.ExecuteNonQueryAsync();
        return rows;
    }

    private async Task Measure(string group, string name, int requests, Func<int, Task<Reply>> op, int warmUp = 0, string? note = null,
        Action<int, Reply>? onReply = null)
    {
        if (apiGone)
            return;
        if (warmUp > 0)
            await Load.RunAsync("warm-up", name, warmUp, config.Concurrency, op);
        var result = await Load.RunAsync(group, name, requests, config.Concurrency, op, cap: TimeSpan.FromSeconds(45), note: note, apiPid: config.ApiPid, onReply: onReply);
        results.Add(result);
        Print(result);
        if (result.Statuses.Keys.All(k => k == "no_answer"))
        {
            apiGone = true;
            log("  the API stopped answering: the remaining scenarios are skipped");
        }
    }

    private void Print(ScenarioResult r) =>
        log($"  {r.Group,-12} {r.Name,-58} {r.Requests,5} req {r.Throughput,8:F1}/s  p50 {r.P50,7:F1}  p95 {r.P95,7:F1}  p99 {r.P99,7:F1} ms"
            + (r.Errors > 0 ? $"  ERRORS {r.Errors} [{string.Join(" ", r.Statuses.Select(s => $"{s.Key}:{s.Value}"))}]" : "")
            + (r.CappedByTime ? "  (stopped at the time cap)" : ""));

    private async Task<string> LoginAsync(string email, string password) =>
        Api.Expect(await api.PostAsync("/auth/login", new { email, password }), $"login {email}").GetProperty("accessToken").GetString()!;

    private sealed record Slot(string Start, string ProviderId, DateTimeOffset StartAt, DateTimeOffset EndAt);

    /// <summary>Free slots from a week ahead on, no two of which overlap once widened by the service's buffers.</summary>
    private async Task<List<Slot>> FreeSlotsAsync(string clinicId, string serviceId, TimeSpan gap, int needed)
    {
        var chosen = new List<Slot>();
        var lastEnd = new Dictionary<string, DateTimeOffset>();
        var from = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(7));
        for (var window = 0; window < 2 && chosen.Count < needed; window++, from = from.AddDays(31))
        {
            var date = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var answer = Api.Expect(await api.GetAsync($"/availability?clinicId={clinicId}&serviceId={serviceId}&date={date}&days=31"), "GET availability for slots");
            foreach (var s in answer.GetProperty("slots").EnumerateArray())
            {
                var slot = new Slot(s.GetProperty("start").GetString()!, s.GetProperty("providerId").GetString()!,
                    DateTimeOffset.Parse(s.GetProperty("start").GetString()!, CultureInfo.InvariantCulture),
                    DateTimeOffset.Parse(s.GetProperty("end").GetString()!, CultureInfo.InvariantCulture));
                if (lastEnd.TryGetValue(slot.ProviderId, out var end) && slot.StartAt < end + gap) continue;
                chosen.Add(slot);
                lastEnd[slot.ProviderId] = slot.EndAt;
            }
        }
        if (chosen.Count < needed)
            throw new InvalidOperationException($"Only {chosen.Count} non-overlapping free slots found, {needed} needed (lower BENCH_CLIENTS).");
        // Interleave days and providers so concurrent holds do not all land on one provider's first day.
        var random = new Random(42);
        return chosen.OrderBy(_ => random.Next()).Take(needed).ToList();
    }
}
