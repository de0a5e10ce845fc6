using Microsoft.EntityFrameworkCore.Infrastructure;

namespace MedAesthetics.Api.Platform.Persistence;

/// <summary>
/// Transaction-scoped advisory locks named by text keys, taken in one statement in the keys' order (callers order their
/// keys the same way everywhere, so two transactions never wait for each other's keys in opposite orders).
/// </summary>
public static class AdvisoryLocks
{
    /// <summary>Takes the locks named by $1 (a text[]) in the array's order; one (empty) row per lock.</summary>
    public const string Sql =
        "SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest($1::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n";

    /// <summary>Takes the locks in the context's current transaction (they are released at its end).</summary>
    public static async Task TakeAdvisoryLocksAsync(this DatabaseFacade database, string[] keys, CancellationToken cancellationToken)
    {
        await using var command = database.CreatePositionalCommand(Sql, [keys]);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
