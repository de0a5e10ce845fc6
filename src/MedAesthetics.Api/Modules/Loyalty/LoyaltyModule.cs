using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.Api.Platform.Outbox;

namespace MedAesthetics.Api.Modules.Loyalty;

public static class LoyaltyModule
{
    public static IServiceCollection AddLoyaltyModule(this IServiceCollection services)
    {
        services.AddScoped<LoyaltyLedger>();
        services.AddScoped<LoyaltyAccess>();
        services.AddScoped<LoyaltyEarning>();
        services.AddScoped<LoyaltyService>();
        services.AddScoped<LoyaltyQueries>();
        services.AddScoped<LoyaltyDirectory>();
        services.AddScoped<IReferralCodes>(sp => sp.GetRequiredService<LoyaltyDirectory>());
        services.AddScoped<ILoyaltyFigures>(sp => sp.GetRequiredService<LoyaltyDirectory>());
        services.AddScoped<IPersonalDataSource, LoyaltyPersonalData>();
        services.AddEventHandler<EarnPointsOnAppointmentCompleted>();
        services.AddEventHandler<OpenAccountOnClientRegistered>();
        services.AddRecurringJob<PointsExpiryJob>();
        services.AddRecurringJob<ExpiringPointsNoticesJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapLoyaltyModule(this IEndpointRouteBuilder routes)
    {
        routes.MapLoyaltyEndpoints();
        return routes;
    }
}
