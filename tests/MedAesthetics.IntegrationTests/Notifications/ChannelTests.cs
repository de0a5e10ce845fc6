using System.Net;
using MedAesthetics.Api.Modules.Notifications;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Notifications;

/// <summary>Each channel against a real local provider, asserting the exact request the provider expects.</summary>
public sealed class ChannelTests(NotificationsApi api) : IClassFixture<NotificationsApi>, IAsyncLifetime
{
    private string _admin = "";

    public async Task InitializeAsync()
    {
        api.Clock.Reset(ApiFactory.DefaultStart);   // 10:00 in Athens: outside quiet hours
        (_, _admin) = await api.SignedInAsync(UserRole.Admin);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Guid> SendAsync(Guid userId, string channel, string title = "Clinic news", string body = "We open on Sunday.")
    {
        var sent = await (await api.Authorized(_admin).PostJsonAsync("/notifications/send", new { userIds = new[] { userId }, channels = new[] { channel }, title, body }))
            .ExpectAsync(HttpStatusCode.Accepted);
        await api.DeliverAsync();
        return sent.GetProperty("ids")[0].GetGuid();
    }

    private Task<NotificationDelivery> Delivery(Guid notificationId, NotificationChannel channel) =>
        api.WithDbAsync(db => db.Set<NotificationDelivery>().AsNoTracking().SingleAsync(d => d.NotificationId == notificationId && d.Channel == channel));

    [Fact]
    public async Task An_sms_is_posted_to_the_gateway_with_the_key_and_an_E164_number()
    {
        var (userId, _) = await api.ClientAsync(phone: "694 123 4567");

        var notificationId = await SendAsync(userId, "sms");

        var request = api.Providers.Requests("/sms").Single(r => NotificationsApi.Body(r).Contains("+306941234567"));
        Assert.Equal("POST", request.RequestMessage.Method);
        Assert.Equal($"Bearer {ChannelServers.SmsKey}", request.RequestMessage.Headers!["Authorization"].Single());
        var json = NotificationsApi.Json(request);
        Assert.Equal("+306941234567", json.GetProperty("to").GetString());
        Assert.Equal("Clinic news: We open on Sunday.", json.GetProperty("text").GetString());
        Assert.Equal("MedAesthetics", json.GetProperty("from").GetString());
        var delivery = await Delivery(notificationId, NotificationChannel.Sms);
        Assert.Equal(DeliveryStatus.Sent, delivery.Status);
        Assert.Equal(1, delivery.Attempts);
    }

    [Fact]
    public async Task A_viber_message_goes_to_the_users_viber_id_with_the_bot_token()
    {
        var (userId, token) = await api.ClientAsync();
        await (await api.Authorized(token).PutAsync("/users/me/notification-preferences",
            Booking.BookingWorld.JsonBody(new { channels = new { viber = true }, viberUserId = "01234567890A=" }))).ExpectAsync(HttpStatusCode.OK);

        var notificationId = await SendAsync(userId, "viber");

        var request = api.Providers.Requests("/pa/send_message").Single(r => NotificationsApi.Body(r).Contains(notificationId.ToString()));
        Assert.Equal(ChannelServers.ViberToken, request.RequestMessage.Headers!["X-Viber-Auth-Token"].Single());
        var json = NotificationsApi.Json(request);
        Assert.Equal("01234567890A=", json.GetProperty("receiver").GetString());
        Assert.Equal("text", json.GetProperty("type").GetString());
        Assert.Equal("Clinic news\nWe open on Sunday.", json.GetProperty("text").GetString());
        Assert.Equal("MedAesthetics", json.GetProperty("sender").GetProperty("name").GetString());
        Assert.Equal(DeliveryStatus.Sent, (await Delivery(notificationId, NotificationChannel.Viber)).Status);
    }

    [Fact]
    public async Task Viber_is_off_until_the_user_turns_it_on()
    {
        var (userId, _) = await api.ClientAsync();

        var notificationId = await SendAsync(userId, "viber");

        var delivery = await Delivery(notificationId, NotificationChannel.Viber);
        Assert.Equal(DeliveryStatus.Skipped, delivery.Status);
        Assert.Equal(DeliveryPlanner.SwitchedOff, delivery.Reason);
    }

    [Fact]
    public async Task A_push_goes_to_FCM_v1_with_an_oauth_token_from_the_service_account()
    {
        var (userId, token) = await api.ClientAsync();
        var deviceToken = $"device-{Guid.NewGuid():N}";
        await (await api.Authorized(token).PostJsonAsync("/users/me/devices", new { token = deviceToken, platform = "android" })).ExpectAsync(HttpStatusCode.Created);

        var notificationId = await SendAsync(userId, "push");

        var tokenRequest = api.Providers.Requests("/token").First();
        Assert.Contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer", NotificationsApi.Body(tokenRequest));
        var request = api.Providers.Requests($"/v1/projects/{ChannelServers.ProjectId}/messages:send").Single(r => NotificationsApi.Body(r).Contains(deviceToken));
        Assert.Equal($"Bearer {ChannelServers.AccessToken}", request.RequestMessage.Headers!["Authorization"].Single());
        var message = NotificationsApi.Json(request).GetProperty("message");
        Assert.Equal(deviceToken, message.GetProperty("token").GetString());
        Assert.Equal("Clinic news", message.GetProperty("notification").GetProperty("title").GetString());
        Assert.Equal("We open on Sunday.", message.GetProperty("notification").GetProperty("body").GetString());
        Assert.Equal(notificationId.ToString(), message.GetProperty("data").GetProperty("notificationId").GetString());
        Assert.Equal(DeliveryStatus.Sent, (await Delivery(notificationId, NotificationChannel.Push)).Status);
    }

    [Fact]
    public async Task A_device_FCM_calls_unregistered_is_removed()
    {
        var (userId, token) = await api.ClientAsync();
        await (await api.Authorized(token).PostJsonAsync("/users/me/devices", new { token = ChannelServers.DeadToken, platform = "ios" })).ExpectAsync(HttpStatusCode.Created);

        var notificationId = await SendAsync(userId, "push");

        Assert.Equal(0, await api.WithDbAsync(db => db.Set<NotificationDevice>().CountAsync(d => d.UserId == userId)));
        var delivery = await Delivery(notificationId, NotificationChannel.Push);
        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        Assert.Contains("unregistered", delivery.Reason);
    }

    [Fact]
    public async Task An_email_reaches_the_smtp_server_with_subject_text_and_html()
    {
        var (userId, _) = await api.ClientAsync();
        var email = (await api.WithServiceAsync<MedAesthetics.Api.Contracts.IUserDirectory, MedAesthetics.Api.Contracts.UserSummary?>(
            users => MedAesthetics.Api.Contracts.UserDirectoryExtensions.FindAsync(users, userId, CancellationToken.None)))!.Email;

        var notificationId = await SendAsync(userId, "email", "Your results <ready>", "Dear Maria, your results are ready.");

        var mail = api.Providers.Mail.Messages.Single(m => m.To.Mailboxes.Any(a => a.Address == email) && m.Subject != "Welcome to MedAesthetics");
        Assert.Equal("Your results <ready>", mail.Subject);
        Assert.Equal("no-reply@medaesthetics.test", mail.From.Mailboxes.Single().Address);
        Assert.Equal("Dear Maria, your results are ready.", mail.TextBody?.Trim());
        Assert.Contains("<h1>Your results &lt;ready&gt;</h1>", mail.HtmlBody);
        Assert.Contains("<p>Dear Maria, your results are ready.</p>", mail.HtmlBody);
        Assert.Equal(DeliveryStatus.Sent, (await Delivery(notificationId, NotificationChannel.Email)).Status);
    }

    [Fact]
    public async Task A_provider_answering_500_is_tried_three_times_with_backoff_then_recorded_failed()
    {
        var (userId, _) = await api.ClientAsync(phone: ChannelServers.FailingPhone);
        var clock = new ClockScope(api.Clock);
        try
        {
            var notificationId = await SendAsync(userId, "sms");
            var first = await Delivery(notificationId, NotificationChannel.Sms);
            Assert.Equal(DeliveryStatus.Queued, first.Status);
            Assert.Equal(1, first.Attempts);
            Assert.Contains("500", first.Reason!);

            await api.RunJobAsync<NotificationDeliveryJob>();   // not due yet: nothing is sent
            Assert.Single(api.Providers.Requests("/sms"), r => NotificationsApi.Body(r).Contains(ChannelServers.FailingPhone));

            clock.Advance(Duration.FromMinutes(1));
            await api.RunJobAsync<NotificationDeliveryJob>();
            Assert.Equal(2, (await Delivery(notificationId, NotificationChannel.Sms)).Attempts);
            clock.Advance(Duration.FromMinutes(5));
            await api.RunJobAsync<NotificationDeliveryJob>();
            clock.Advance(Duration.FromHours(1));
            await api.RunJobAsync<NotificationDeliveryJob>();

            var last = await Delivery(notificationId, NotificationChannel.Sms);
            Assert.Equal(DeliveryStatus.Failed, last.Status);
            Assert.Equal(3, last.Attempts);
            Assert.Equal("SMS gateway answered 500: gateway down", last.Reason);
            Assert.Equal(3, api.Providers.Requests("/sms").Count(r => NotificationsApi.Body(r).Contains(ChannelServers.FailingPhone)));

            var listed = await (await api.Authorized(_admin).GetAsync($"/admin/notification-deliveries?status=failed&channel=sms&userId={userId}")).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(1, listed.GetProperty("total").GetInt32());
            Assert.Equal("failed", listed.GetProperty("items")[0].GetProperty("status").GetString());
        }
        finally
        {
            clock.Restore();
        }
    }

    [Fact]
    public async Task A_delivery_job_run_twice_sends_once()
    {
        var (userId, _) = await api.ClientAsync(phone: "+306945550000");

        var notificationId = await SendAsync(userId, "sms");
        var deliveryId = (await Delivery(notificationId, NotificationChannel.Sms)).Id;
        var again = await api.WithServiceAsync<NotificationDeliveryJob, bool>(job => job.DeliverAsync(deliveryId, CancellationToken.None));
        await api.RunJobAsync<NotificationDeliveryJob>();

        Assert.False(again);
        Assert.Single(api.Providers.Requests("/sms"), r => NotificationsApi.Body(r).Contains("+306945550000"));
    }

    [Fact]
    public async Task Concurrent_delivery_jobs_send_a_delivery_once()
    {
        var (userId, _) = await api.ClientAsync(phone: "+306945550001");
        var sent = await (await api.Authorized(_admin).PostJsonAsync("/notifications/send", new { userIds = new[] { userId }, channels = new[] { "sms" }, title = "T", body = "B" }))
            .ExpectAsync(HttpStatusCode.Accepted);
        var notificationId = sent.GetProperty("ids")[0].GetGuid();
        await api.DrainOutboxAsync();
        var deliveryId = (await Delivery(notificationId, NotificationChannel.Sms)).Id;

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            api.WithServiceAsync<NotificationDeliveryJob, bool>(job => job.DeliverAsync(deliveryId, CancellationToken.None)))));

        Assert.Single(results, r => r);
        Assert.Single(api.Providers.Requests("/sms"), r => NotificationsApi.Body(r).Contains("+306945550001"));
    }
}

/// <summary>The API with no channel configured: it starts, and every outside channel is skipped with the reason.</summary>
public sealed class UnconfiguredChannelTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_unconfigured_channel_is_skipped_with_the_reason_and_the_inbox_still_gets_the_message()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var userId = (await api.RegisterAsync()).GetProperty("user").GetProperty("id").GetGuid();

        var sent = await (await api.Authorized(admin).PostJsonAsync("/notifications/send",
            new { userIds = new[] { userId }, channels = new[] { "sms", "email", "push", "viber" }, title = "Hello", body = "World" })).ExpectAsync(HttpStatusCode.Accepted);
        var notificationId = sent.GetProperty("ids")[0].GetGuid();
        await api.DrainOutboxAsync();
        await api.DrainOutboxAsync();
        await api.RunJobAsync<NotificationDeliveryJob>();

        var deliveries = await api.WithDbAsync(db => db.Set<NotificationDelivery>().Where(d => d.NotificationId == notificationId).ToListAsync());
        Assert.Equal("SMS is not configured (SMS_GATEWAY_URL and SMS_GATEWAY_API_KEY)", deliveries.Single(d => d.Channel == NotificationChannel.Sms).Reason);
        Assert.Equal("email is not configured (SMTP_HOST and MAIL_FROM)", deliveries.Single(d => d.Channel == NotificationChannel.Email).Reason);
        Assert.StartsWith("push is not configured", deliveries.Single(d => d.Channel == NotificationChannel.Push).Reason);
        Assert.All(deliveries.Where(d => d.Channel != NotificationChannel.InApp), d => Assert.Equal(DeliveryStatus.Skipped, d.Status));
        Assert.Equal(DeliveryStatus.Sent, deliveries.Single(d => d.Channel == NotificationChannel.InApp).Status);
    }
}
