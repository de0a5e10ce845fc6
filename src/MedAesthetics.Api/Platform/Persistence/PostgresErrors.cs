using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MedAesthetics.Api.Platform.Persistence;

/// <summary>Recognises the constraint violations that mean "somebody else got there first": they become 409, never 500.</summary>
public static class PostgresErrors
{
    public const string UniqueViolation = "23505";
    public const string ExclusionViolation = "23P01";
    public const string DeadlockDetected = "40P01";
    public const string SerializationFailure = "40001";
    /// <summary>Text PostgreSQL cannot store, such as a NUL character (U+0000) that reached SQL through an untyped payload.</summary>
    public const string CharacterNotInRepertoire = "22021";

    public static PostgresException? FindPostgresException(this Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is PostgresException pg)
                return pg;
        return null;
    }

    /// <summary>
    /// A lost race: a unique or exclusion constraint, or two transactions that each waited for the other's rows
    /// (crossing reschedules deadlock under the exclusion constraint); PostgreSQL aborted one and the other won.
    /// </summary>
    public static bool IsConflict(this Exception exception) =>
        exception.FindPostgresException()?.SqlState is UniqueViolation or ExclusionViolation or DeadlockDetected or SerializationFailure;

    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.FindPostgresException()?.SqlState == UniqueViolation;
}
