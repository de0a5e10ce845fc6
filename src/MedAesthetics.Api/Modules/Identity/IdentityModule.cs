using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Hosting;
using MedAesthetics.Api.Platform.Outbox;
using Microsoft.AspNetCore.Identity;

namespace MedAesthetics.Api.Modules.Identity;

public static class IdentityModule
{
    public static IServiceCollection AddIdentityModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PasswordHasherOptions>(options =>
            options.IterationCount = configuration.GetValue("Identity:PasswordHashIterations", 100_000));
        services.AddScoped<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddScoped<AuthService>();
        services.AddScoped<UserQueries>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<ConsentService>();
        services.AddScoped<IMarketingConsent>(sp => sp.GetRequiredService<ConsentService>());
        services.AddScoped<PersonalDataService>();
        services.AddSingleton<SessionCache>();
        services.AddScoped<ISessionValidator, SessionValidator>();
        services.AddScoped<IUserDirectory, UserDirectory>();
        services.AddScoped<IAdminCreator, AdminCreator>();
        services.AddScoped<IDemoSeeder, IdentityDemoSeed>();
        return services;
    }

    public static IEndpointRouteBuilder MapIdentityModule(this IEndpointRouteBuilder routes)
    {
        routes.MapAuthEndpoints();
        routes.MapUserEndpoints();
        routes.MapAdminUserEndpoints();
        routes.MapGdprEndpoints();
        return routes;
    }
}
