namespace MedAesthetics.Api.Platform.Outbox;

public static class OutboxSetup
{
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<EventHandlerCatalog>();
        services.AddSingleton<OutboxProcessor>();
        if (configuration.GetValue("Outbox:DispatcherEnabled", true))
            services.AddHostedService<OutboxDispatcher>();
        return services;
    }

    /// <summary>
    /// Registers an event handler (scoped, resolved per delivery by its own type) and records which event it handles,
    /// so the dispatcher finds an event's handlers without building every handler.
    /// </summary>
    public static IServiceCollection AddEventHandler<THandler>(this IServiceCollection services) where THandler : class, IEventHandler
    {
        services.AddScoped<THandler>();
        services.AddScoped<IEventHandler>(provider => provider.GetRequiredService<THandler>());
        services.AddSingleton(new EventHandlerRegistration(typeof(THandler), EventHandlerRegistration.EventTypeOf(typeof(THandler))));
        return services;
    }
}

/// <summary>One registered handler: its type and the event it handles.</summary>
public sealed record EventHandlerRegistration(Type HandlerType, Type EventType)
{
    public static Type EventTypeOf(Type handlerType)
    {
        for (var type = handlerType; type is not null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IntegrationEventHandler<>))
                return type.GetGenericArguments()[0];
        throw new ArgumentException($"{handlerType.Name} does not derive from IntegrationEventHandler<TEvent>.", nameof(handlerType));
    }
}

/// <summary>The handlers of each event type, in registration order, read once from the registrations.</summary>
public sealed class EventHandlerCatalog(IEnumerable<EventHandlerRegistration> registrations)
{
    private readonly Dictionary<Type, Type[]> byEvent = registrations
        .GroupBy(r => r.EventType)
        .ToDictionary(g => g.Key, g => g.Select(r => r.HandlerType).Distinct().ToArray());

    public IReadOnlyList<Type> HandlersOf(Type eventType) => byEvent.GetValueOrDefault(eventType, []);
}
