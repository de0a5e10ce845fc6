using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace MedAesthetics.Api.Platform.Persistence;

/// <summary>
/// The version of a one-row table (<c>id = 1, version bigint</c>) that database triggers bump in the transaction of every
/// change to what a per-node cache holds, read at most once per <c>refresh</c> (a primary-key lookup, whichever request
/// comes then). After this node saved such a change (<see cref="LocalChangeSaved"/>) it is read on every call until it
/// moves (at most 5 s, for a change that rolled back), so a node sees its own changes at once, other nodes' within
/// <c>refresh</c> (plus the time of the read that is under way). A cache keeps one generation per version and drops it
/// when the version moves.
/// Once <c>refresh</c> has passed, one call reads the version and the calls that come meanwhile go on with the last one
/// read instead of queueing behind it: under load that read waits for a pooled connection and for PostgreSQL, and every
/// request in flight would wait with it, several times a second (sessions and memberships refresh every 250 ms).
/// After a local change every call waits for a read made after it.
/// </summary>
public sealed class VersionWatch(IServiceScopeFactory scopes, string table, TimeSpan refresh)
{
    private static readonly TimeSpan LocalChangeWindow = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _reading = new(1, 1);
    /// <summary>The version's read, also for a caller that sends it in a batch of its own.</summary>
    public string Sql { get; } = "SELECT version FROM " + table + " WHERE id = 1";

    private long _version = -1;
    private long _checkedAt;
    private long _localChangeAt;

    public void LocalChangeSaved() => Interlocked.Exchange(ref _localChangeAt, Stopwatch.GetTimestamp());

    public async ValueTask<long> VersionAsync(CancellationToken cancellationToken)
    {
        if (Fresh(out var localChange))
            return Interlocked.Read(ref _version);
        if (localChange == 0 && Interlocked.Read(ref _version) >= 0)
        {
            if (!_reading.Wait(0))
                return Interlocked.Read(ref _version);   // another call is reading it now
        }
        else
            await _reading.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(out var localChangeAt))
                return Interlocked.Read(ref _version);   // read by the call this one waited for
            return await ReadAsync(localChangeAt, cancellationToken);
        }
        finally
        {
            _reading.Release();
        }
    }

    /// <summary>
    /// The version as of now, read from the database whatever <c>refresh</c> says (one primary-key lookup, not queued
    /// behind other reads): for a read that decides a write, which must not act on another node's stale memory. Read on
    /// the caller's own context (its connection, and its transaction if one is open), so the write's request takes no
    /// second connection for it.
    /// </summary>
    public ValueTask<long> CurrentAsync(DatabaseFacade database, CancellationToken cancellationToken) =>
        new(ReadAsync(database, Interlocked.Read(ref _localChangeAt), cancellationToken));

    private async Task<long> ReadAsync(long localChangeAt, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await ReadAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>().Database, localChangeAt, cancellationToken);
    }

    private async Task<long> ReadAsync(DatabaseFacade database, long localChangeAt, CancellationToken cancellationToken)
    {
        var version = await database.ScalarAsync(Sql, 0L, cancellationToken);
        if (localChangeAt != 0 && version != Interlocked.Read(ref _version))
            Interlocked.CompareExchange(ref _localChangeAt, 0, localChangeAt);   // the change is seen
        Interlocked.Exchange(ref _version, version);
        Interlocked.Exchange(ref _checkedAt, Stopwatch.GetTimestamp());
        return version;
    }

    private bool Fresh(out long localChangeAt)
    {
        localChangeAt = Interlocked.Read(ref _localChangeAt);
        if (localChangeAt != 0 && Stopwatch.GetElapsedTime(localChangeAt) < LocalChangeWindow)
            return false;
        localChangeAt = 0;
        return Interlocked.Read(ref _version) >= 0 && Stopwatch.GetElapsedTime(Interlocked.Read(ref _checkedAt)) < refresh;
    }
}
