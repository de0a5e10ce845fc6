namespace MedAesthetics.Api.Contracts;

/// <summary>One changed field of an explicit audit entry.</summary>
public sealed record AuditChange(object? Old, object? New);

/// <summary>
/// An audit entry a module writes itself, for a change the automatic trail cannot see (a raw-SQL write) or a change it
/// must describe without values (an erasure). Actions: create, update, delete, erase.
/// </summary>
public sealed record AuditRecord(
    string Action,
    string EntityType,
    Guid EntityId,
    Guid? ClinicId = null,
    Guid? SubjectId = null,
    IReadOnlyDictionary<string, AuditChange>? Changes = null);

/// <summary>Writes explicit audit entries through the caller's DbContext connection, so they commit or roll back with its transaction.</summary>
public interface IAuditTrail
{
    Task WriteAsync(AuditRecord record, CancellationToken cancellationToken);
}
