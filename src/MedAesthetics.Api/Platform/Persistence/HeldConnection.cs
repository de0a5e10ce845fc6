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

    private sealed class Release(DatabaseFacade database) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await database.CloseConnectionAsync();
    }
}
