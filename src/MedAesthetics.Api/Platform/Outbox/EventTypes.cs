using System.Collections.Frozen;

namespace MedAesthetics.Api.Platform.Outbox;

/// <summary>Maps outbox type names to event classes: every IIntegrationEvent in the API assembly, by class name.</summary>
public static class EventTypes
{
    private static readonly FrozenDictionary<string, Type> ByName = typeof(EventTypes).Assembly.GetTypes()
        .Where(t => typeof(IIntegrationEvent).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
        .ToFrozenDictionary(t => t.Name);

    public static string NameOf(Type eventType) =>
        ByName.TryGetValue(eventType.Name, out var known) && known == eventType
            ? eventType.Name
            : throw new InvalidOperationException($"{eventType.FullName} is not a known integration event.");

    public static Type? Find(string name) => ByName.GetValueOrDefault(name);
}
