using MedAesthetics.Api.Platform.Settings;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MedAesthetics.Api.Modules.Admin;

public static class AdminModule
{
    public static IServiceCollection AddAdminModule(this IServiceCollection services)
    {
        // The configured values (Platform__*) become the defaults that seed the settings row; every module reads the row.
        services.AddSingleton<ConfiguredPlatformSettings>();
        services.AddSingleton<StoredPlatformSettings>();
        services.Replace(ServiceDescriptor.Singleton<IPlatformSettings>(provider => provider.GetRequiredService<StoredPlatformSettings>()));
        services.AddScoped<SettingsService>();
        services.AddScoped<ReportService>();
        return services;
    }

    public static IEndpointRouteBuilder MapAdminModule(this IEndpointRouteBuilder routes)
    {
        routes.MapAdminEndpoints();
        return routes;
    }
}
