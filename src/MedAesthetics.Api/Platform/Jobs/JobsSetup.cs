using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Outbox;

namespace MedAesthetics.Api.Platform.Jobs;

/// <summary>Hangfire on the same PostgreSQL: delayed, recurring and retried jobs coordinated across any number of nodes.</summary>
public static class JobsSetup
{
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        Observability.JobTelemetryFilter.RegisterOnce();
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                storage => storage.UseNpgsqlConnection(connectionString),
                new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = TimeSpan.FromSeconds(2),
                    DistributedLockTimeout = TimeSpan.FromMinutes(1),
                }));

        // Tests run jobs directly; only hosts that are about scheduling start a server.
        if (configuration.GetValue("Jobs:ServerEnabled", true))
            services.AddHangfireServer(options => options.WorkerCount = configuration.GetValue("Jobs:WorkerCount", 4));

        services.AddSingleton<RecurringJobsRegistration>();
        services.AddHostedService(provider => provider.GetRequiredService<RecurringJobsRegistration>());
        services.AddRecurringJob<OutboxSweepJob>();
        services.AddRecurringJob<DataRetentionJob>();
        services.AddScoped<IRetentionPolicy, OutboxRetention>();
        return services;
    }

    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        // An endpoint (not middleware), so it is in the route table that the authorization matrix test walks.
        app.MapHangfireDashboard(AuthSetup.DashboardPath, new DashboardOptions
        {
            Authorization = [new AdminOnlyDashboardFilter()],
            DashboardTitle = "MedAesthetics jobs",
            DisplayStorageConnectionString = false,
            AppPath = "/api/docs",
        });
        return app;
    }

    /// <summary>The dashboard is for admins: 401 without a token, 403 for any other role (Hangfire picks the code from IsAuthenticated).</summary>
    private sealed class AdminOnlyDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) =>
            context.GetHttpContext().User.IsInRole(UserRole.Admin.Name());
    }
}

/// <summary>Sweeps outbox rows that no dispatcher took (a crashed node, a node with the dispatcher off, a retry that came due).</summary>
public sealed class OutboxSweepJob(OutboxProcessor processor) : IRecurringJob
{
    public static string Id => "outbox-sweep";
    public static string Schedule => Cron.Minutely();

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public Task<int> RunAsync(CancellationToken cancellationToken) => processor.ProcessAllAsync(cancellationToken);
}
