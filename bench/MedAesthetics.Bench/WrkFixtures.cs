using System.Globalization;
using System.Text;

namespace MedAesthetics.Bench;

/// <summary>
/// What the wrk scenarios of run.sh need, made over the API and written as a shell file of exports: a clinic with 10
/// doctors working Monday to Saturday 09:00-17:00 and bookings in their calendar (availability), four more salespeople
/// for the demo clinic (intake assigns among five), staff and client tokens, clients allowed 20 live holds each with a
/// list of distinct free slots to hold in a clinic of their own (one doctor per 1,000 holds of the budget), and the lead
/// search queries.
/// </summary>
public sealed class WrkFixtures(Api api, BenchConfig config, Action<string> log)
{
    private const string Password = "BenchPass!2026";
    private const int Doctors = 10;
    private const int ExtraSalespeople = 4;

    public async Task WriteAsync(string envPath, string slotsPath, string tokensPath)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var admin = await LoginAsync("admin@demo.local", "DemoPass!2026");
        var sales = await LoginAsync("sales@demo.local", "DemoPass!2026");
        var demoClinic = Api.Expect(await api.GetAsync("/clinics"), "GET /clinics").GetProperty("items").EnumerateArray()
            .First(c => c.GetProperty("name").GetString() == "Aesthetica Athens").GetProperty("id").GetString()!;

        log("wrk fixtures: a 10-doctor clinic with bookings, a clinic for the holds, clients, free slots...");
        var (clinic, service, doctors) = await ClinicAsync($"Bench 10 doctors {run}", Doctors, $"{run}.a", admin);
        // The holds get a clinic of their own, so they do not change the calendar the availability scenarios measure and
        // so there are enough distinct slots for the budget: a doctor working Monday to Saturday 09:00-17:00 has about
        // 1,150 non-overlapping 30-minute slots 4 to 88 days ahead.
        var (holdClinic, holdService, _) = await ClinicAsync($"Bench holds {run}", (int)Math.Ceiling(config.WrkHolds / 1000.0), $"{run}.h", admin);

        // Salespeople: four more with access to the demo clinic, so the intake scenario's leads (the demo clinic's, and
        // those without a clinic, which go to every salesperson) are spread over five and the assignment is a choice.
        for (var i = 0; i < ExtraSalespeople; i++)
        {
            var person = Api.Expect(await api.PostAsync("/admin/users", new
            {
                email = $"sales.{run}.{i}@bench.example", password = Password, firstName = "Sales", lastName = $"Bench{i}", role = "salesperson",
            }, admin), "POST /admin/users (salesperson)").GetProperty("id").GetString()!;
            Api.Expect(await api.PostAsync("/admin/agent-clinic-access", new { agentUserId = person, clinicId = demoClinic }, admin), "POST /admin/agent-clinic-access");
        }

        // Clients: the first one reads its balance and unread count; all of them hold slots (20 live holds each).
        var clientCount = Math.Max(4, (int)Math.Ceiling(config.WrkHolds / 20.0));
        // Registered two at a time (each costs the API a password hash, about 90 ms of CPU); kept in index order.
        var registered = new (string Id, string Token)[clientCount];
        await Parallel.ForEachAsync(Enumerable.Range(0, clientCount), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (i, _) =>
        {
            var reply = Api.Expect(await api.PostAsync("/auth/register", new
            {
                email = $"wrk.{run}.{i}@bench.example", password = Password, firstName = "Wrk", lastName = $"Client{i}", acceptTerms = true,
            }), "POST /auth/register");
            registered[i] = (reply.GetProperty("user").GetProperty("id").GetString()!, reply.GetProperty("accessToken").GetString()!);
        });
        var clients = registered.ToList();
        Api.Expect(await api.SendAsync(HttpMethod.Patch, "/admin/settings", new { maxLiveHoldsPerClient = 20 }, admin), "PATCH /admin/settings");

        // Bookings: 3 per doctor on the measured day, 1 per doctor on every third day of the 31 after it.
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3));
        while (day.DayOfWeek is DayOfWeek.Sunday) day = day.AddDays(1);
        var bookings = 0;
        for (var offset = 0; offset < 31; offset += 3)
        {
            var date = day.AddDays(offset);
            if (date.DayOfWeek is DayOfWeek.Sunday) continue;
            foreach (var doctor in doctors)
                foreach (var hour in offset == 0 ? new[] { 10, 12, 15 } : [11])
                {
                    var start = Athens(date, hour);
                    var reply = await api.PostAsync("/appointments", new { clinicId = clinic, serviceId = service, providerId = doctor, start, clientId = clients[0].Id }, admin);
                    if (reply.Is2xx) bookings++;
                }
        }

        // Distinct, non-overlapping free slots of the holds' clinic 4 to 88 days ahead (every other 15-minute start of a
        // 30-minute service; the booking horizon is 90 days).
        var slots = new List<string>();
        foreach (var (from, days) in new[] { (4, 31), (35, 31), (66, 23) })
        {
            var date = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(from)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var free = Api.Expect(await api.GetAsync($"/availability?clinicId={holdClinic}&serviceId={holdService}&date={date}&days={days}"), "GET /availability");
            var lastEnd = new Dictionary<string, string>();
            foreach (var slot in free.GetProperty("slots").EnumerateArray())
            {
                var provider = slot.GetProperty("providerId").GetString()!;
                var start = slot.GetProperty("start").GetString()!;
                if (lastEnd.TryGetValue(provider, out var end) && string.CompareOrdinal(start, end) < 0) continue;
                lastEnd[provider] = slot.GetProperty("end").GetString()!;
                slots.Add($"{provider} {start}");
            }
        }
        await File.WriteAllLinesAsync(slotsPath, slots);
        await File.WriteAllLinesAsync(tokensPath, clients.Select(c => c.Token));

        var today = DateTime.UtcNow.Date;
        var env = new StringBuilder();
        void Export(string name, string value) => env.Append("export ").Append(name).Append("='").Append(value.Replace("'", "")).Append("'\n");
        Export("WRK_CLINIC", clinic);
        Export("WRK_DEMO_CLINIC", demoClinic);
        Export("WRK_SERVICE", service);
        Export("WRK_HOLD_CLINIC", holdClinic);
        Export("WRK_HOLD_SERVICE", holdService);
        Export("WRK_DATE", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Export("WRK_ADMIN_TOKEN", admin);
        Export("WRK_SALES_TOKEN", sales);
        Export("WRK_CLIENT_ID", clients[0].Id);
        Export("WRK_CLIENT_TOKEN", clients[0].Token);
        Export("WRK_REPORT_FROM", today.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Export("WRK_REPORT_TO", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Export("WRK_SLOTS_FILE", slotsPath);
        Export("WRK_TOKENS_FILE", tokensPath);
        await File.WriteAllTextAsync(envPath, env.ToString());
        log($"wrk fixtures: clinic {clinic}, {Doctors} doctors, {ExtraSalespeople} more salespeople, {bookings} bookings, {clients.Count} clients, {slots.Count} free slots to hold in clinic {holdClinic}");
    }

    /// <summary>A clinic in Athens with a 30-minute service and <paramref name="doctors"/> doctors working Monday to Saturday 09:00-17:00.</summary>
    private async Task<(string Clinic, string Service, List<string> Doctors)> ClinicAsync(string name, int doctors, string emailTag, string admin)
    {
        var clinic = Api.Expect(await api.PostAsync("/clinics", new { name, timezone = "Europe/Athens", countryCode = "GR" }, admin),
            "POST /clinics").GetProperty("id").GetString()!;
        var service = Api.Expect(await api.PostAsync($"/clinics/{clinic}/services", new
        {
            name = "Consultation", durationMinutes = 30, price = new { amount = 50m, currency = "EUR" }, bufferAfterMinutes = 0,
        }, admin), "POST services").GetProperty("id").GetString()!;
        var week = Enumerable.Range(1, 6).Select(d => new { dayOfWeek = d, start = "09:00", end = "17:00" }).ToArray();
        var ids = new List<string>();
        for (var i = 0; i < doctors; i++)
        {
            var doctor = Api.Expect(await api.PostAsync("/admin/users", new
            {
                email = $"doctor.{emailTag}.{i}@bench.example", password = Password, firstName = "Doctor", lastName = $"Bench{i}", role = "doctor", clinicId = clinic,
            }, admin), "POST /admin/users").GetProperty("id").GetString()!;
            Api.Expect(await api.SendAsync(HttpMethod.Put, $"/clinics/{clinic}/providers/{doctor}/working-hours", week, admin), "PUT working-hours");
            ids.Add(doctor);
        }
        return (clinic, service, ids);
    }

    private static string Athens(DateOnly date, int hour)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Athens");
        var local = date.ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    private async Task<string> LoginAsync(string email, string password) =>
        Api.Expect(await api.PostAsync("/auth/login", new { email, password }), $"login {email}").GetProperty("accessToken").GetString()!;
}
