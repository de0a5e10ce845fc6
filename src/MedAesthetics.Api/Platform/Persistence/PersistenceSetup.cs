using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Platform.Persistence;

public static class PersistenceSetup
{
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql =>
            {
                npgsql.UseNodaTime();
                npgsql.MigrationsHistoryTable("__ef_migrations_history");
            })
            .UseSnakeCaseNamingConvention();

    public static IServiceCollection AddPersistence(this IServiceCollection services, string connectionString)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ChangeActor>();
        // Interceptors (the audit trail) are scoped services, so they know the request's or job's actor.
        services.AddDbContext<AppDbContext>((provider, options) =>
        {
            Configure(options, connectionString);
            options.AddInterceptors(provider.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>());
        });
        return services;
    }
}
