using Microsoft.EntityFrameworkCore;
using NodaTime;

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

    /// <summary>
    /// Pooled contexts: creating a DbContext's internal services for every request cost about a fifth of the API's CPU on
    /// a one-query route. A pooled context's options and interceptors are shared by every lease, so interceptors are
    /// singletons that find the scope's state on the context (<see cref="AppDbContext.Actor"/>); each scope leases one
    /// context and hands it its clock, outbox signal and actor. The pool keeps at most PoolSize idle contexts (1024,
    /// EF's default); past that, contexts are created and disposed as without a pool.
    /// </summary>
    /// <param name="threadSafetyChecks">
    /// EF's check that a context is not used by two operations at once (Database:ThreadSafetyChecks, off unless set; the
    /// tests turn it on). It sets an async-local twice for every row a query reads: on a page of 50 leads about a tenth
    /// of the request's allocations. Off, a misuse would not be reported; each request and job has its own context, and
    /// the tests, which run every path with the check on, would report one.
    /// </param>
    public static IServiceCollection AddPersistence(this IServiceCollection services, string connectionString, bool threadSafetyChecks)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ChangeActor>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, PreparedStatements>();
        services.AddPooledDbContextFactory<AppDbContext>((provider, options) =>
        {
            Configure(options, connectionString);
            options.EnableThreadSafetyChecks(threadSafetyChecks);
            options.AddInterceptors(provider.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>());
        });
        services.AddScoped(provider => provider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext()
            .Lease(provider.GetRequiredService<IClock>(), provider.GetService<Outbox.OutboxSignal>(), provider.GetRequiredService<ChangeActor>()));
        return services;
    }
}
