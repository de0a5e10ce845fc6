using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Modules.Notifications.Channels;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Http.Outbound;
using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.Api.Platform.Outbox;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.SignalR;
using MedAesthetics.Api.Platform.Hosting;
using StackExchange.Redis;

namespace MedAesthetics.Api.Modules.Notifications;

public static class NotificationsModule
{
    public static IServiceCollection AddNotificationsModule(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = ChannelSettings.FromConfiguration(configuration);
        services.AddSingleton(settings);
        services.AddSingleton<FcmAccessToken>();
        // Sending a push, an SMS or a Viber message is not idempotent: within a call only a failure to connect is retried;
        // anything else comes back to NotificationDeliveryJob, which records the attempt and retries it later. The token
        // request is idempotent and retried on any transient failure.
        var send = new OutboundPolicy { AttemptTimeout = settings.Timeout, TotalTimeout = settings.Timeout * 3, Retry = OutboundRetry.ConnectFailuresOnly };
        foreach (var client in new[] { PushChannel.ClientName, SmsChannel.ClientName, ViberChannel.ClientName })
            services.AddOutboundHttpClient(client, send);
        services.AddOutboundHttpClient(FcmAccessToken.ClientName, send with { Retry = OutboundRetry.Transient });

        services.AddScoped<INotificationChannel, InAppChannel>();
        services.AddScoped<INotificationChannel, PushChannel>();
        services.AddScoped<INotificationChannel, EmailChannel>();
        services.AddScoped<INotificationChannel, SmsChannel>();
        services.AddScoped<INotificationChannel, ViberChannel>();
        services.AddHostedService<ChannelStatusLog>();

        services.AddScoped<InboxQueries>();
        services.AddScoped<InboxService>();
        services.AddScoped<PreferencesService>();
        services.AddScoped<DeviceService>();
        services.AddScoped<NotificationSender>();
        services.AddScoped<RecipientDirectory>();
        services.AddScoped<NotificationComposer>();
        services.AddScoped<AppointmentNotices>();
        services.AddScoped<IPersonalDataSource, NotificationsPersonalData>();
        services.AddScoped<IRetentionPolicy, NotificationRetention>();
        services.AddRecurringJob<NotificationDeliveryJob>();
        if (configuration.GetValue("Jobs:ServerEnabled", true))
            services.AddNotificationPump();

        services.AddEventHandler<WelcomeOnUserRegistered>();
        services.AddEventHandler<NotifyAppointmentBooked>();
        services.AddEventHandler<NotifyAppointmentRescheduled>();
        services.AddEventHandler<NotifyAppointmentCancelled>();
        services.AddEventHandler<NotifyAppointmentReminder>();
        services.AddEventHandler<NotifyLoyaltyTierChanged>();
        services.AddEventHandler<NotifyLoyaltyPointsExpiring>();
        services.AddEventHandler<NotifyTaskAssigned>();
        services.AddEventHandler<NotifyLeadAssigned>();
        services.AddEventHandler<NotifyRepeatTreatmentDue>();
        services.AddEventHandler<NotifyWebhookEndpointDisabled>();
        services.AddEventHandler<EnqueueNotificationDeliveries>();

        var signalR = services.AddSignalR().AddJsonProtocol(options => ApiJson.Apply(options.PayloadSerializerOptions));
        // With Redis, a message sent on one node reaches the user's connections on every node; without it, only this node's.
        if (RedisConnection.FromConfiguration(configuration) is { } redis)
            signalR.AddStackExchangeRedis(redis, options => options.Configuration.ChannelPrefix = RedisChannel.Literal("medaesthetics"));
        services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        // Browsers cannot set headers on WebSockets or server-sent events: the hub also takes ?access_token=.
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            var previous = options.Events.OnMessageReceived;
            options.Events.OnMessageReceived = context =>
            {
                if (context.HttpContext.Request.Path.StartsWithSegments(NotificationsHub.Path)
                    && context.Request.Query.TryGetValue("access_token", out var token) && !string.IsNullOrEmpty(token))
                {
                    context.Token = token;
                    return Task.CompletedTask;
                }
                return previous(context);
            };
        });
        return services;
    }

    /// <summary>The node's <see cref="NotificationPump"/>: one instance, started with the host.</summary>
    public static IServiceCollection AddNotificationPump(this IServiceCollection services) =>
        services.AddSingleton<NotificationPump>().AddHostedService(provider => provider.GetRequiredService<NotificationPump>());

    public static IEndpointRouteBuilder MapNotificationsModule(this IEndpointRouteBuilder routes)
    {
        routes.MapNotificationsEndpoints();
        return routes;
    }
}

/// <summary>Says in the start-up log which channels are on, and why the others are off.</summary>
public sealed class ChannelStatusLog(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<ChannelStatusLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var channels = scope.ServiceProvider.GetServices<INotificationChannel>().ToList();
        var on = channels.Where(c => c.Unconfigured is null).Select(c => Platform.Persistence.EnumColumns.ToText(c.Channel));
        var off = channels.Where(c => c.Unconfigured is not null).Select(c => $"{Platform.Persistence.EnumColumns.ToText(c.Channel)}: {c.Unconfigured}");
        logger.LogInformation("Notification channels on: {On}; off: {Off}", string.Join(", ", on), string.Join("; ", off));
        if (RedisConnection.FromConfiguration(configuration) is { } redis)
            logger.LogInformation("Live notifications reach every node through the Redis backplane at {Redis}", RedisConnection.Describe(redis));
        else
            logger.LogInformation("Live notifications reach this node's connections only (set REDIS_URL to run several nodes)");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
