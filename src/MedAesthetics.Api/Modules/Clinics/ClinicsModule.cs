using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Hosting;

namespace MedAesthetics.Api.Modules.Clinics;

public static class ClinicsModule
{
    public static IServiceCollection AddClinicsModule(this IServiceCollection services)
    {
        services.AddScoped<ClinicDirectory>();
        services.AddScoped<IClinicDirectory>(sp => sp.GetRequiredService<ClinicDirectory>());
        services.AddScoped<IClinicMembershipSource>(sp => sp.GetRequiredService<ClinicDirectory>());
        services.AddScoped<IClinicStaffEnrollment>(sp => sp.GetRequiredService<ClinicDirectory>());
        services.AddScoped<IDemoSeeder, ClinicsDemoSeed>();
        return services;
    }

    public static IEndpointRouteBuilder MapClinicsModule(this IEndpointRouteBuilder routes)
    {
        routes.MapClinicsEndpoints();
        return routes;
    }
}
