using System.Net;
using System.Text.Json;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Modules.Notifications;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Booking;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAesthetics.IntegrationTests.Notifications;

/// <summary>The inbox over HTTP and the hub, staff sends and their reach, preferences, devices, and the GDPR share.</summary>
public sealed class InboxTests(NotificationsApi api) : IClassFixture<NotificationsApi>, IAsyncLifetime
{
    private BookingWorld _world = null!;

    public async Task InitializeAsync()
    {
        api.Clock.Reset(ApiFactory.DefaultStart);
        _world = await BookingWorld.CreateAsync(api);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<IReadOnlyList<Guid>> SendAsync(string token, Guid userId, string title = "Hello", HttpStatusCode expect = HttpStatusCode.Accepted)
    {
        var answer = await (await api.Authorized(token).PostJsonAsync("/notifications/send",
            new { userIds = new[] { userId }, channels = new[] { "in_app" }, title, body = "Body text", data = new { campaign = "spring" } })).ExpectAsync(expect);
        return expect == HttpStatusCode.Accepted ? answer.GetProperty("ids").EnumerateArray().Select(i => i.GetGuid()).ToList() : [];
    }

    private async Task<int> CountAsync(string token) =>
        (await (await api.Authorized(token).GetAsync("/notifications/unread-count")).ExpectAsync(HttpStatusCode.OK)).GetProperty("count").GetInt32();

    [Fact]
    public async Task A_user_reads_one_or_all_of_its_own_notifications_and_never_anothers()
    {
        var (userId, token) = await api.ClientAsync();
        var (_, other) = await api.ClientAsync();
        var first = (await SendAsync(_world.AdminToken, userId, "First"))[0];
        await SendAsync(_world.AdminToken, userId, "Second");
        await SendAsync(_world.AdminToken, userId, "Third");
        Assert.Equal(3, await CountAsync(token));

        await (await api.Authorized(other).PatchAsync($"/notifications/{first}/read", null)).ExpectAsync(HttpStatusCode.NotFound);
        await (await api.Authorized(token).PatchAsync($"/notifications/{first}/read", null)).ExpectAsync(HttpStatusCode.NoContent);
        await (await api.Authorized(token).PatchAsync($"/notifications/{first}/read", null)).ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal(2, await CountAsync(token));

        var unread = await (await api.Authorized(token).GetAsync("/notifications?unreadOnly=true&pageSize=1")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, unread.GetProperty("total").GetInt32());
        Assert.Equal(1, unread.GetProperty("pageSize").GetInt32());
        var all = await (await api.Authorized(token).GetAsync("/notifications")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        var read = all.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == first);
        Assert.Equal("First", read.GetProperty("title").GetString());
        Assert.Equal("message", read.GetProperty("type").GetString());
        Assert.Equal("spring", read.GetProperty("data").GetProperty("campaign").GetString());
        Assert.NotNull(read.GetProperty("readAt").GetString());

        await (await api.Authorized(token).PostAsync("/notifications/read-all", null)).ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal(0, await CountAsync(token));
        Assert.Equal(0, await CountAsync(other));
    }

    [Fact]
    public async Task The_unread_count_is_an_index_only_scan_of_the_partial_index()
    {
        var (userId, _) = await api.ClientAsync();
        var plan = await api.WithDbAsync(async db =>
        {
            // A busy inbox: thousands read, a few unread.
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO notifications (id, user_id, type, title, body, urgent, marketing, visible, source_key, read_at, created_at, updated_at)
                SELECT gen_random_uuid(), {userId}, 'message', 't', 'b', false, false, true, 'bulk:' || i,
                       CASE WHEN i % 500 = 0 THEN NULL ELSE now() END, now(), now()
                FROM generate_series(1, 5000) AS i
                """);
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE notifications");
            var count = db.Set<Notification>().Where(n => n.UserId == userId && n.ReadAt == null && n.Visible);
            Assert.Equal(10, await count.CountAsync());
            var lines = await db.Database.SqlQuery<string>($"EXPLAIN SELECT count(*) FROM notifications WHERE user_id = {userId} AND read_at IS NULL AND visible").ToListAsync();
            return string.Join("\n", lines);
        });
        Assert.True(plan.Contains($"Index Only Scan using {NotificationConfiguration.UnreadIndex}"), plan);
    }

    /// <summary>What notification_unread_counts says for each user, beside a count of the user's unread entries.</summary>
    private Task<(int Kept, int Counted)[]> UnreadOfAsync(params Guid[] users) => api.WithDbAsync(async db =>
    {
        var answers = new List<(int, int)>();
        foreach (var user in users)
        {
            var kept = await db.Database.SqlQuery<int>($"SELECT coalesce((SELECT unread FROM notification_unread_counts WHERE user_id = {user}), 0) AS \"Value\"").SingleAsync();
            var counted = await db.Set<Notification>().CountAsync(n => n.UserId == user && n.ReadAt == null && n.Visible);
            answers.Add((kept, counted));
        }
        return answers.ToArray();
    });

    [Fact]
    public async Task The_database_keeps_each_users_unread_count_through_inserts_reads_hides_and_deletes()
    {
        var (first, firstToken) = await api.ClientAsync();
        var (second, secondToken) = await api.ClientAsync();
        var before = await UnreadOfAsync(first, second);  // whatever registration sent them

        await api.WithDbAsync(async db =>
        {
            // One statement for both users: 5,000 entries for the first (every 500th unread), 3 unread for the second.
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO notifications (id, user_id, type, title, body, urgent, marketing, visible, source_key, read_at, created_at, updated_at)
                SELECT gen_random_uuid(), CASE WHEN i > 5000 THEN {second} ELSE {first} END, 'message', 'Dear Anna', 'b', false, false, true, 'count:' || i,
                       CASE WHEN i <= 5000 AND i % 500 <> 0 THEN now() END, now(), now()
                FROM generate_series(1, 5003) AS i
                """);
        });
        var after = await UnreadOfAsync(first, second);
        Assert.Equal([(before[0].Kept + 10, before[0].Counted + 10), (before[1].Kept + 3, before[1].Counted + 3)], after);

        await api.WithDbAsync(async db =>
        {
            // Read two of the first's and one of the second's in one statement; hide one more of the first's; an
            // erasure-like scrub of every title that moves no count; delete one unread and 100 read entries of the first.
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE notifications SET read_at = now() WHERE source_key IN ('count:500', 'count:1000', 'count:5001')");
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE notifications SET visible = false WHERE source_key = 'count:1500'");
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE notifications SET title = 'Dear [erased]' WHERE user_id IN ({first}, {second}) AND title = 'Dear Anna'");
            await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM notifications WHERE user_id = {first} AND (source_key = 'count:2000' OR source_key LIKE 'count:1__')");
        });
        after = await UnreadOfAsync(first, second);
        Assert.Equal([(before[0].Kept + 6, before[0].Counted + 6), (before[1].Kept + 2, before[1].Counted + 2)], after);
        Assert.Equal(after[0].Kept, await CountAsync(firstToken));

        // Over HTTP: one read, then all of them.
        var id = (await SendAsync(_world.AdminToken, second, "Via the API"))[0];
        Assert.Equal(after[1].Kept + 1, await CountAsync(secondToken));
        await (await api.Authorized(secondToken).PatchAsync($"/notifications/{id}/read", null)).ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal(after[1].Kept, await CountAsync(secondToken));
        await (await api.Authorized(firstToken).PostAsync("/notifications/read-all", null)).ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal([(0, 0), (after[1].Kept, after[1].Counted)], await UnreadOfAsync(first, second));
        Assert.Equal(0, await CountAsync(firstToken));
    }

    [Fact]
    public async Task Staff_send_only_to_clients_of_their_clinics_and_clients_may_not_send()
    {
        var (seenId, seen) = await api.ClientAsync();
        var (strangerId, stranger) = await api.ClientAsync();
        await _world.BookAsync(seen, BookingWorld.At(2026, 3, 6, 10));

        Assert.Single(await SendAsync(_world.SecretaryToken, seenId));
        await SendAsync(_world.SecretaryToken, strangerId, expect: HttpStatusCode.NotFound);
        await SendAsync(_world.SecretaryToken, Guid.NewGuid(), expect: HttpStatusCode.NotFound);
        await SendAsync(stranger, seenId, expect: HttpStatusCode.Forbidden);
        Assert.Single(await SendAsync(_world.AdminToken, strangerId));

        var (_, salesperson) = await api.SignedInAsync(UserRole.Salesperson);
        await SendAsync(salesperson, seenId, expect: HttpStatusCode.NotFound);

        var invalid = await (await api.Authorized(_world.AdminToken).PostJsonAsync("/notifications/send", new { userIds = Array.Empty<Guid>(), channels = new[] { "fax" }, body = "" }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("userIds", out _));
        Assert.True(invalid.GetProperty("errors").TryGetProperty("title", out _));
    }

    [Fact]
    public async Task Only_admins_see_the_delivery_records_and_filters_are_checked()
    {
        await (await api.Authorized(_world.SecretaryToken).GetAsync("/admin/notification-deliveries")).ExpectAsync(HttpStatusCode.Forbidden);
        var bad = await (await api.Authorized(_world.AdminToken).GetAsync("/admin/notification-deliveries?status=lost")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("status", out _));
        var (userId, _) = await api.ClientAsync();
        await SendAsync(_world.AdminToken, userId);
        await api.DeliverAsync();

        var sent = await (await api.Authorized(_world.AdminToken).GetAsync($"/admin/notification-deliveries?status=sent&channel=in_app&userId={userId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(sent.GetProperty("total").GetInt32() >= 1);
        Assert.All(sent.GetProperty("items").EnumerateArray(), d => Assert.Equal("in_app", d.GetProperty("channel").GetString()));
    }

    [Fact]
    public async Task Preferences_start_from_the_defaults_and_reject_bad_times_and_channels()
    {
        var (_, token) = await api.ClientAsync();
        var client = api.Authorized(token);

        var defaults = await (await client.GetAsync("/users/me/notification-preferences")).ExpectAsync(HttpStatusCode.OK);
        var channels = defaults.GetProperty("channels");
        Assert.True(channels.GetProperty("in_app").GetBoolean() && channels.GetProperty("push").GetBoolean() && channels.GetProperty("email").GetBoolean()
                    && channels.GetProperty("sms").GetBoolean());
        Assert.False(channels.GetProperty("viber").GetBoolean());
        Assert.Equal("21:00", defaults.GetProperty("quietHours").GetProperty("start").GetString());
        Assert.Equal("09:00", defaults.GetProperty("quietHours").GetProperty("end").GetString());
        Assert.False(defaults.GetProperty("marketing").GetBoolean());

        var bad = await (await client.PutAsync("/users/me/notification-preferences",
            BookingWorld.JsonBody(new { channels = new { fax = true }, quietHours = new { start = "25:00", end = "07:00" } }))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("channels", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("quietHours.start", out _));

        var updated = await (await client.PutAsync("/users/me/notification-preferences",
            BookingWorld.JsonBody(new { channels = new { email = false }, quietHours = new { start = "22:30", end = "07:00" }, marketing = true }))).ExpectAsync(HttpStatusCode.OK);
        Assert.False(updated.GetProperty("channels").GetProperty("email").GetBoolean());
        Assert.True(updated.GetProperty("channels").GetProperty("sms").GetBoolean());
        Assert.Equal("22:30", updated.GetProperty("quietHours").GetProperty("start").GetString());
        Assert.True((await (await client.GetAsync("/users/me/notification-preferences")).ExpectAsync(HttpStatusCode.OK)).GetProperty("marketing").GetBoolean());
    }

    [Fact]
    public async Task A_device_token_belongs_to_the_last_user_who_registered_it()
    {
        var (firstId, first) = await api.ClientAsync();
        var (secondId, second) = await api.ClientAsync();
        var token = $"shared-{Guid.NewGuid():N}";

        await (await api.Authorized(first).PostJsonAsync("/users/me/devices", new { token, platform = "web" })).ExpectAsync(HttpStatusCode.Created);
        var moved = await (await api.Authorized(second).PostJsonAsync("/users/me/devices", new { token, platform = "ios" })).ExpectAsync(HttpStatusCode.Created);
        var bad = await (await api.Authorized(second).PostJsonAsync("/users/me/devices", new { token = "", platform = "nokia" })).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("ios", moved.GetProperty("platform").GetString());
        Assert.True(bad.GetProperty("errors").TryGetProperty("token", out _));
        var owners = await api.WithDbAsync(db => db.Set<NotificationDevice>().Where(d => d.Token == token).Select(d => d.UserId).ToListAsync());
        Assert.Equal([secondId], owners);
        Assert.DoesNotContain(firstId, owners);
    }

    [Fact]
    public async Task A_live_client_on_the_hub_receives_the_new_notification_and_the_count()
    {
        var (userId, token) = await api.ClientAsync();
        await using var connection = Connect(token, HttpTransportType.LongPolling);
        var item = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var count = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>("notification", n => { if (n.GetProperty("title").GetString() == "Live") item.TrySetResult(n); });
        connection.On<JsonElement>("unreadCount", c => count.TrySetResult(c));
        await connection.StartAsync();

        var id = (await SendAsync(_world.AdminToken, userId, "Live"))[0];
        await api.DeliverAsync();

        var received = await item.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(id, received.GetProperty("id").GetGuid());
        Assert.Equal("Body text", received.GetProperty("body").GetString());
        // The count the hub sent is the inbox's count after the new entry (registration may have sent one before it).
        Assert.Equal(await CountAsync(token), (await count.Task.WaitAsync(TimeSpan.FromSeconds(15))).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task The_hub_takes_the_token_from_the_query_string_over_websockets_and_refuses_no_token()
    {
        var (userId, token) = await api.ClientAsync();
        await using var connection = Connect(token, HttpTransportType.WebSockets);
        var count = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>("unreadCount", c => count.TrySetResult(c));
        await connection.StartAsync();

        await SendAsync(_world.AdminToken, userId);
        await api.DeliverAsync();

        // The count the hub sent is the inbox's count after the new entry (registration may have sent one before it).
        Assert.Equal(await CountAsync(token), (await count.Task.WaitAsync(TimeSpan.FromSeconds(15))).GetProperty("count").GetInt32());
        await using var anonymous = Connect(null, HttpTransportType.LongPolling);
        await Assert.ThrowsAnyAsync<Exception>(() => anonymous.StartAsync());
    }

    private HubConnection Connect(string? token, HttpTransportType transport)
    {
        var server = api.Server;
        return new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, NotificationsHub.Path.TrimStart('/')), options =>
            {
                options.Transports = transport;
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                if (transport == HttpTransportType.WebSockets)
                {
                    options.SkipNegotiation = true;
                    // As a browser does: the token rides in the query string, WebSockets carry no Authorization header.
                    options.WebSocketFactory = async (context, ct) =>
                        await server.CreateWebSocketClient().ConnectAsync(new UriBuilder(context.Uri) { Query = $"access_token={token}" }.Uri, ct);
                }
                if (token is not null && transport != HttpTransportType.WebSockets)
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
    }

    [Fact]
    public async Task Erasure_removes_devices_and_preferences_and_scrubs_the_text_and_export_lists_them_without_tokens()
    {
        var (userId, token) = await api.ClientAsync();
        var deviceToken = $"secret-{Guid.NewGuid():N}";
        await (await api.Authorized(token).PostJsonAsync("/users/me/devices", new { token = deviceToken, platform = "android" })).ExpectAsync(HttpStatusCode.Created);
        await (await api.Authorized(token).PutAsync("/users/me/notification-preferences", BookingWorld.JsonBody(new { marketing = true }))).ExpectAsync(HttpStatusCode.OK);
        await SendAsync(_world.AdminToken, userId, "Personal");
        var subject = new DataSubject(userId, "x@example.test", null);

        var export = await api.WithDbAsync(async db =>
        {
            await using var scope = api.Services.CreateAsyncScope();
            var source = scope.ServiceProvider.GetServices<IPersonalDataSource>().Single(s => s.Section == "notifications");
            return JsonSerializer.SerializeToElement(await source.ExportAsync(subject, CancellationToken.None), MedAesthetics.Api.Platform.Http.ApiJson.Options);
        });
        Assert.Contains(export.GetProperty("inbox").EnumerateArray(), n => n.GetProperty("title").GetString() == "Personal");
        Assert.Single(export.GetProperty("devices").EnumerateArray());
        Assert.DoesNotContain(deviceToken, export.GetRawText());
        Assert.True(export.GetProperty("preferences").GetProperty("marketing").GetBoolean());

        await using (var scope = api.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetServices<IPersonalDataSource>().Single(s => s.Section == "notifications").EraseAsync(subject, CancellationToken.None);

        Assert.Equal(0, await api.WithDbAsync(db => db.Set<NotificationDevice>().CountAsync(d => d.UserId == userId)));
        Assert.Equal(0, await api.WithDbAsync(db => db.Set<NotificationPreferences>().CountAsync(p => p.UserId == userId)));
        Assert.All(await api.InboxOf(userId), n => Assert.Equal(("[erased]", "[erased]"), (n.Title, n.Body)));
    }
}
