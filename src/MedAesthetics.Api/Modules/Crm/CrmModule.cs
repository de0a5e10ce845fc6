using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Hosting;
using MedAesthetics.Api.Platform.Http.Outbound;
using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.Api.Platform.Outbox;

namespace MedAesthetics.Api.Modules.Crm;

public static class CrmModule
{
    public static IServiceCollection AddCrmModule(this IServiceCollection services)
    {
        services.AddScoped<LeadIntake>();
        services.AddScoped<LeadPipelineService>();
        services.AddScoped<LeadQueries>();
        services.AddScoped<TagService>();
        services.AddScoped<FacebookLeadIntake>();
        services.AddSingleton(provider => FacebookSettings.FromConfiguration(provider.GetRequiredService<IConfiguration>()));
        services.AddScoped<FacebookAttribution>();
        services.AddScoped<FacebookLeadgenQueries>();
        services.AddScoped<FacebookGraph>();
        services.AddOutboundHttpClient(FacebookGraph.ClientName, FacebookGraph.Policy);
        services.AddRecurringJob<FacebookLeadgenJob>();
        services.AddRecurringJob<LeadFiguresJob>();
        services.AddEventHandler<FetchFacebookLeadgens>();
        services.AddScoped<CampaignService>();
        services.AddScoped<CampaignQueries>();
        services.AddScoped<LeadStatusMover>();
        services.AddScoped<ILeadDirectory, LeadDirectory>();
        services.AddScoped<IPersonalDataSource, CrmPersonalData>();
        services.AddScoped<ICrmFigures, CrmFigures>();
        services.AddScoped<Platform.Jobs.IRetentionPolicy, LeadRetention>();
        services.AddEventHandler<MoveLeadsToBookedOnAppointmentBooked>();
        services.AddEventHandler<ConvertLeadsOnAppointmentCompleted>();
        services.AddScoped<IDemoSeeder, CrmDemoSeed>();
        return services;
    }

    public static IEndpointRouteBuilder MapCrmModule(this IEndpointRouteBuilder routes)
    {
        routes.MapLeadEndpoints();
        routes.MapCampaignEndpoints();
        return routes;
    }
}
