using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Hosting;

namespace MedAesthetics.Api.Modules.Clinics;

public static class ClinicsModule
{
    public static IServiceCollection AddClinicsModule(this IServiceCollection services)
    {
        services.AddSingleton<ClinicScheduleCache>();
        services.AddSingleton<ClinicMembershipCache>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, ClinicChangeInterceptor>();   // shared by the pooled contexts
        services.AddScoped<ClinicDirectory>();
        services.AddScoped<IClinicDirectory>(sp => sp.GetRequiredService<ClinicDirectory>());
        services.AddScoped<IClinicMembershipSource>(sp => sp.GetRequiredService<ClinicDirectory>());
        services.AddScoped<IClinicStaffEnrollment>(sp => sp.GetRequiredService<ClinicDirectory>());
        services.AddScoped<ClinicPermissions>();
        services.AddScoped<ClinicService>();
        services.AddScoped<StaffService>();
        services.AddScoped<CalendarService>();
        services.AddScoped<AgentAccessService>();
        services.AddScoped<ClinicQueries>();
        services.AddScoped<IDemoSeeder, ClinicsDemoSeed>();
        services.AddScoped<Platform.Jobs.IRetentionPolicy, ClinicRetention>();
        return services;
    }

    public static IEndpointRouteBuilder MapClinicsModule(this IEndpointRouteBuilder routes)
    {
        routes.MapClinicEndpoints();
        return routes;
    }
}
