using NodaTime;

namespace MedAesthetics.Api.Platform.Persistence;

/// <summary>Every table has a uuid id and creation/update instants, stamped by the DbContext from the injected clock.</summary>
public abstract class Entity
{
    public Guid Id { get; protected set; } = Guid.CreateVersion7();
    public Instant CreatedAt { get; internal set; }
    public Instant UpdatedAt { get; internal set; }
}

/// <summary>User-facing records are soft-deleted and hidden by a global query filter.</summary>
public interface ISoftDeletable
{
    Instant? DeletedAt { get; }
}
