using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Jobs;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MedAesthetics.Api.Modules.Audit;

public static class AuditModule
{
    public static IServiceCollection AddAuditModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(AuditRedaction.FromConfiguration(configuration));
        services.AddScoped<IInterceptor, AuditInterceptor>();
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
