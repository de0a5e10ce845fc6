namespace MedAesthetics.Api.Platform.Outbox;

public static class OutboxSetup
{
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxProcessor>();
        if (configuration.GetValue("Outbox:DispatcherEnabled", true))
            services.AddHostedService<OutboxDispatcher>();
        return services;
    }

    /// <summary>Registers every event handler of a module's assembly part (scoped, resolved per delivery).</summary>
    public static IServiceCollection AddEventHandler<THandler>(this IServiceCollection services) where THandler : class, IEventHandler =>
        services.AddScoped<IEventHandler, THandler>();
}
