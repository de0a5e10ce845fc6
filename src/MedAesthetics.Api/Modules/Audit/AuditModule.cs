using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Jobs;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MedAesthetics.Api.Modules.Audit;

public static class AuditModule
{
    public static IServiceCollection AddAuditModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(AuditRedaction.FromConfiguration(configuration));
        services.AddSingleton<IInterceptor, AuditInterceptor>();   // shared by the pooled contexts: no scoped state
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<IPersonalDataSource, AuditPersonalData>();
        services.AddScoped<IRetentionPolicy, AuditRetention>();
        return services;
    }

    public static IEndpointRouteBuilder MapAuditModule(this IEndpointRouteBuilder routes)
    {
        routes.MapAuditEndpoints();
        return routes;
    }
}
