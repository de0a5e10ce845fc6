using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.Api.Platform.Outbox;

namespace MedAesthetics.Api.Modules.Webhooks;

public static class WebhooksModule
{
    public static IServiceCollection AddWebhooksModule(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(WebhookOptions.FromConfiguration(configuration, environment));
        services.AddSingleton<WebhookUrlPolicy>();
        services.AddWebhookHttpClient();
        services.AddScoped<WebhookSender>();
        services.AddScoped<WebhookService>();
        services.AddScoped<WebhookQueries>();
        services.AddScoped<WebhookPayloads>();
        services.AddScoped<WebhookFanOut>();
        services.AddRecurringJob<WebhookDeliveryJob>();
        services.AddScoped<IRetentionPolicy, WebhookRetention>();
        services.AddScoped<IPersonalDataSource, WebhookPersonalData>();

        services.AddEventHandler<WebhookOnAppointmentBooked>();
        services.AddEventHandler<WebhookOnAppointmentRescheduled>();
        services.AddEventHandler<WebhookOnAppointmentCancelled>();
        services.AddEventHandler<WebhookOnAppointmentCompleted>();
        services.AddEventHandler<WebhookOnAppointmentNoShow>();
        services.AddEventHandler<WebhookOnLeadCreated>();
        services.AddEventHandler<WebhookOnLeadStatusChanged>();
        services.AddEventHandler<WebhookOnLoyaltyTierChanged>();
        services.AddEventHandler<EnqueueWebhookDeliveries>();
        return services;
    }

    public static IEndpointRouteBuilder MapWebhooksModule(this IEndpointRouteBuilder routes)
    {
        routes.MapWebhooksEndpoints();
        return routes;
    }
}
