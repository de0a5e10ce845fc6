using System.Net;
using System.Text.Json;
using Hangfire;
using MedAesthetics.Api.Modules.Booking;
using MedAesthetics.Api.Modules.Loyalty;
using MedAesthetics.Api.Modules.Notifications;
using MedAesthetics.Api.Modules.Notifications.Channels;
using MedAesthetics.IntegrationTests.Booking;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Concurrency;

/// <summary>
/// Two real API processes on two ports over one database and one Redis, each with its outbox dispatcher and job server,
/// as `./run.sh --nodes 2` runs them; node A also serves Prometheus metrics.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public LiveWorld Live { get; private set; } = null!;
    public RedisServer Redis { get; private set; } = null!;
    public ApiProcess A { get; private set; } = null!;
    public ApiProcess B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Live = await LiveWorld.CreateAsync();
        Redis = await RedisServer.StartAsync();
        var settings = Live.Settings(("REDIS_URL", Redis.Url)).ToList();
        A = await ApiProcess.StartAsync("node-a", Live.Database, [.. settings, ("PROMETHEUS_ENABLED", "true")]);
        B = await ApiProcess.StartAsync("node-b", Live.Database, settings);
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Redis.DisposeAsync();
        await Live.DisposeAsync();
    }
}

[Collection(RealProcesses.Name)]
public sealed class TwoProcessTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private LiveWorld Live => nodes.Live;
    private BookingWorld World => nodes.Live.World;

    [Fact]
    public async Task Staff_on_two_nodes_racing_for_the_same_slots_book_each_slot_once()
    {
        var (first, _, _) = await LiveWorld.RegisterClientAsync(nodes.A);
        var (second, _, _) = await LiveWorld.RegisterClientAsync(nodes.B);
        var starts = Enumerable.Range(0, 6).Select(i => WallClock.HoursAhead(24 * 20 + 2 * i)).ToList();

        var attempts = starts.SelectMany(start => new[] { (nodes.A, first, start), (nodes.B, second, start) })
            .Select(a => Task.Run(() => a.Item1.Client(World.SecretaryToken).PostJsonAsync("/appointments", new
            {
                clinicId = World.ClinicId, serviceId = World.LongServiceId, providerId = World.SecondDoctorId,
                start = BookingWorld.Iso(a.Item3), clientId = a.Item2,
            })));
        var answers = await Task.WhenAll(attempts);

        Assert.Equal(starts.Count, answers.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(starts.Count, answers.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var booked = await Live.Setup.WithDbAsync(db => db.Set<Appointment>()
            .Where(a => a.ProviderId == World.SecondDoctorId && a.Status == AppointmentStatus.Confirmed && a.Start >= starts[0])
            .Select(a => a.Start).ToListAsync());
        Assert.Equal(starts.Order(), booked.Order());
    }

    [Fact]
    public async Task Redemptions_raced_across_two_nodes_spend_the_points_once()
    {
        var (clientId, token, _) = await LiveWorld.RegisterClientAsync(nodes.A);
        await Live.CompleteAppointmentAsync(nodes.A, clientId, hoursAgo: 5);
        await Live.CompleteAppointmentAsync(nodes.B, clientId, hoursAgo: 7);
        await ApiProcess.EventuallyAsync(async () => await BalanceAsync(clientId) == 240, LiveWorld.Patience,
            "240 points credited for two completed appointments", nodes.A, nodes.B);

        // One idempotency key sent to both nodes at once: one redemption, whoever answers.
        var key = Guid.NewGuid().ToString();
        var replays = await Task.WhenAll(new[] { nodes.A, nodes.B, nodes.A, nodes.B }.Select(node => Task.Run(() => RedeemAsync(node, token, key, clientId))));
        Assert.All(replays, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)r.StatusCode}"));
        Assert.Contains(replays, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(140, await BalanceAsync(clientId));

        // Six keys racing for 100 of the 140 points left: one wins.
        var racing = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            RedeemAsync(i % 2 == 0 ? nodes.A : nodes.B, token, Guid.NewGuid().ToString(), clientId))));
        Assert.Single(racing, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(racing, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity, $"{(int)r.StatusCode}"));

        var redemptions = await Live.Setup.WithDbAsync(db => db.Set<LoyaltyEntry>().CountAsync(e => e.ClientId == clientId && e.Type == LoyaltyEntryType.Redeem));
        Assert.Equal(2, redemptions);
        Assert.Equal(40, await BalanceAsync(clientId));
    }

    [Fact]
    public async Task A_reminder_job_run_on_both_nodes_reminds_once_and_each_email_goes_out_once()
    {
        var (clientId, _, email) = await LiveWorld.RegisterClientAsync(nodes.B);
        var start = WallClock.HoursAhead(30);
        var appointment = await (await nodes.A.Client(World.SecretaryToken).PostJsonAsync("/appointments", new
        {
            clinicId = World.ClinicId, serviceId = World.ShortServiceId, providerId = World.DoctorId, start = BookingWorld.Iso(start), clientId,
        })).ExpectAsync(HttpStatusCode.Created);
        var appointmentId = appointment.GetProperty("id").GetGuid();
        // Time passes: the 24-hour reminder falls due.
        var due = WallClock.Now - Duration.FromMinutes(1);
        await Live.Setup.WithDbAsync(db => db.Set<AppointmentReminder>().Where(r => r.AppointmentId == appointmentId && r.HoursBefore == 24)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.DueAt, due)));

        // Four runs of the job enqueued at once: both nodes' job servers take them.
        var jobs = Live.Setup.Services.GetRequiredService<IBackgroundJobClient>();
        for (var i = 0; i < 4; i++)
            jobs.Enqueue<SendRemindersJob>(job => job.RunAsync(CancellationToken.None));

        await ApiProcess.EventuallyAsync(() => Live.EmailedAsync(clientId, "appointment_reminder"),
            LiveWorld.Patience, "the client's reminder email sent, none about to go", nodes.A, nodes.B);

        var reminders = await Live.Setup.WithDbAsync(db => db.OutboxMessages
            .FromSqlInterpolated($"SELECT * FROM outbox_messages WHERE type = 'AppointmentReminderDue' AND payload->'appointment'->>'appointmentId' = {appointmentId.ToString()}").CountAsync());
        Assert.Equal(1, reminders);
        var inbox = await Live.Setup.WithDbAsync(db => db.Set<Notification>().Where(n => n.UserId == clientId).GroupBy(n => n.Type).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        Assert.All(inbox, n => Assert.True(n.Count == 1, $"{n.Key} is in the inbox {n.Count} times"));
        var mail = Live.MailTo(email);
        Assert.NotEmpty(mail);   // the reminder (and the welcome, unless quiet hours deferred it to the morning)
        Assert.All(mail, subject => Assert.True(subject.Value == 1, $"\"{subject.Key}\" was emailed {subject.Value} times"));
        Assert.Equal(await Live.EmailsSentAsync(clientId), mail.Values.Sum());
    }

    [Fact]
    public async Task A_client_connected_to_node_B_hears_what_node_A_pushes_through_the_redis_backplane()
    {
        var (clientId, token, _) = await LiveWorld.RegisterClientAsync(nodes.A);
        await ApiProcess.EventuallyAsync(() => Live.Setup.WithDbAsync(db => db.Set<Notification>().AnyAsync(n => n.UserId == clientId && n.ReadAt == null)),
            LiveWorld.Patience, "the welcome notification in the inbox", nodes.A, nodes.B);

        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(nodes.B.BaseAddress, NotificationsHub.Path.TrimStart('/')), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var counts = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>(InAppChannel.UnreadCountMethod, count =>
        {
            if (count.GetProperty("count").GetInt32() == 0)
                counts.TrySetResult(count);
        });
        await connection.StartAsync();

        // Node A marks the inbox read and pushes the new count to the user; node B holds the user's only connection.
        await (await nodes.A.Client(token).PostAsync("/notifications/read-all", null)).ExpectAsync(HttpStatusCode.NoContent);

        var pushed = await counts.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, pushed.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_booking_and_a_refused_hold_on_node_A_count_in_its_metrics_at_slash_metrics()
    {
        var (clientId, clientToken, _) = await LiveWorld.RegisterClientAsync(nodes.A);
        var before = await PrometheusText.ScrapeAsync(nodes.A);

        var start = NextWorkingMorning();
        await (await nodes.A.Client(World.SecretaryToken).PostJsonAsync("/appointments", new
        {
            clinicId = World.ClinicId, serviceId = World.ShortServiceId, providerId = World.SecondDoctorId, start = BookingWorld.Iso(start), clientId,
        })).ExpectAsync(HttpStatusCode.Created);
        await (await nodes.A.Client(clientToken).PostJsonAsync("/appointments/hold", new
        {
            clinicId = World.ClinicId, serviceId = World.ShortServiceId, providerId = World.SecondDoctorId, start = BookingWorld.Iso(start),
        })).ExpectAsync(HttpStatusCode.Conflict);

        // The tests of this class run one at a time and only they book: the differences are this test's.
        var after = await PrometheusText.ScrapeAsync(nodes.A);
        Assert.Equal(1, (PrometheusText.Value(after, "medaesthetics_bookings_total") ?? 0) - (PrometheusText.Value(before, "medaesthetics_bookings_total") ?? 0));
        const string taken = "reason=\"taken\"";
        Assert.Equal(1, (PrometheusText.Value(after, "medaesthetics_holds_rejected_total", taken) ?? 0)
            - (PrometheusText.Value(before, "medaesthetics_holds_rejected_total", taken) ?? 0));
        Assert.NotNull(PrometheusText.Value(after, "medaesthetics_outbox_lag_seconds"));
        Assert.NotNull(PrometheusText.Value(after, "http_server_request_duration_seconds_count"));
        Assert.Equal(HttpStatusCode.NotFound, (await nodes.B.Client().GetAsync("/metrics")).StatusCode);   // B has it off
    }

    /// <summary>10:00 in Athens on the next day the clinic works (Monday to Saturday): a slot a client may hold.</summary>
    private static Instant NextWorkingMorning()
    {
        var date = WallClock.Now.InZone(BookingWorld.Athens).Date.PlusDays(1);
        if (date.DayOfWeek == IsoDayOfWeek.Sunday)
            date = date.PlusDays(1);
        return BookingWorld.At(date.Year, date.Month, date.Day, 10);
    }

    private async Task<long> BalanceAsync(Guid clientId) =>
        await Live.Setup.WithDbAsync(db => db.Set<LoyaltyAccount>().Where(a => a.ClientId == clientId).Select(a => (long?)a.Balance).SingleOrDefaultAsync()) ?? 0;

    private static Task<HttpResponseMessage> RedeemAsync(ApiProcess node, string token, string key, Guid clientId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/loyalty/redeem") { Content = BookingWorld.JsonBody(new { clientId, points = 100 }) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", key);
        return node.Client().SendAsync(request);
    }
}
