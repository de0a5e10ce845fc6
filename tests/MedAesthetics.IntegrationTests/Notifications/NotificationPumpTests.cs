using System.Net;
using MedAesthetics.Api.Modules.Notifications;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.IntegrationTests.Notifications;

/// <summary>The API as a node with the job server runs it: the notification pump on (the other tests run the sweep by hand).</summary>
public sealed class PumpedNotificationsApi : NotificationsApi
{
    public PumpedNotificationsApi() => WithServices(services => services.AddNotificationPump());
}

public sealed class NotificationPumpTests(PumpedNotificationsApi api) : IClassFixture<PumpedNotificationsApi>
{
    [Fact]
    public async Task A_due_delivery_is_sent_by_the_pump_as_soon_as_it_is_queued_without_a_hangfire_job_or_the_minutely_sweep()
    {
        api.Clock.Reset(ApiFactory.DefaultStart);   // 10:00 in Athens: outside quiet hours
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var (userId, _) = await api.ClientAsync(phone: "694 765 4321");
        await api.DrainOutboxAsync();
        var jobsBefore = await api.WithDbAsync(db => db.Database.SqlQueryRaw<long>("""SELECT count(*) AS "Value" FROM hangfire.job""").SingleAsync());

        var sent = await (await api.Authorized(admin).PostJsonAsync("/notifications/send",
            new { userIds = new[] { userId }, channels = new[] { "sms" }, title = "Pump", body = "Sent at once." })).ExpectAsync(HttpStatusCode.Accepted);
        var notificationId = sent.GetProperty("ids")[0].GetGuid();
        await api.DrainOutboxAsync();   // the send's events, then NotificationsQueued: its handler signals the pump
        await api.DrainOutboxAsync();

        NotificationDelivery? delivery = null;
        for (var i = 0; i < 100 && delivery?.Status != DeliveryStatus.Sent; i++)
        {
            await Task.Delay(100);
            delivery = await api.WithDbAsync(db => db.Set<NotificationDelivery>().AsNoTracking()
                .SingleAsync(d => d.NotificationId == notificationId && d.Channel == NotificationChannel.Sms));
        }
        Assert.Equal(DeliveryStatus.Sent, delivery!.Status);
        Assert.Equal(1, delivery.Attempts);
        Assert.Single(api.Providers.Requests("/sms"), r => NotificationsApi.Body(r).Contains("+306947654321"));
        Assert.Equal(jobsBefore, await api.WithDbAsync(db => db.Database.SqlQueryRaw<long>("""SELECT count(*) AS "Value" FROM hangfire.job""").SingleAsync()));
    }
}
