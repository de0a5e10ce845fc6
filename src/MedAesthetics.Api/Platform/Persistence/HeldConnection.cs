using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace MedAesthetics.Api.Platform.Persistence;

/// <summary>
/// Keeps a DbContext's connection open across several queries. Outside a transaction EF opens and closes the
/// connection around every query, and every reopening of a pooled Npgsql connection begins with a reset
/// (<c>DISCARD ALL</c>, 0.1-0.2 ms of PostgreSQL); a read made of several queries holds one connection instead.
/// </summary>
public static class HeldConnection
{
    public static async Task<IAsyncDisposable> HoldConnectionAsync(this DatabaseFacade database, CancellationToken cancellationToken)
    {
        await database.OpenConnectionAsync(cancellationToken);
        return new Release(database);
    }

    /// <summary>
    /// Runs <paramref name="work"/> with EF's automatic savepoints off and restores the setting afterwards. For writes
    /// that save once and never continue after a failed save: EF would otherwise add two round trips (SAVEPOINT and
    /// RELEASE) around each SaveChanges inside a transaction.
    /// </summary>
    public static async Task<T> WithoutSavepointsAsync<T>(this DatabaseFacade database, Func<Task<T>> work)
    {
        var savepoints = database.AutoSavepointsEnabled;
        database.AutoSavepointsEnabled = false;
        try
        {
            return await work();
        }
        finally
        {
            database.AutoSavepointsEnabled = savepoints;
        }
    }

    private sealed class Release(DatabaseFacade database) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await database.CloseConnectionAsync();
    }
}
