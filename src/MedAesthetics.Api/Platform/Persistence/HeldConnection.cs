using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

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

    /// <inheritdoc cref="WithoutSavepointsAsync{T}"/>
    public static Task WithoutSavepointsAsync(this DatabaseFacade database, Func<Task> work) =>
        database.WithoutSavepointsAsync(async () =>
        {
            await work();
            return true;
        });

    /// <summary>
    /// A plain command on the context's connection (hold it open around the command) and in its transaction if one is
    /// open, with positional parameters (<c>$1</c> is the first value): Npgsql sends its text as it is, and EF writes no
    /// SQL for it. For hot statements EF cannot cache (raw SQL with parameters) or does not need to shape.
    /// </summary>
    public static DbCommand CreatePositionalCommand(this DatabaseFacade database, string sql, params object[] values)
    {
        var command = database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = database.CurrentTransaction?.GetDbTransaction();
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    /// <summary>
    /// Several plain commands sent in one round trip (see <see cref="CreatePositionalCommand"/>), on the context's
    /// connection and in its transaction. Under READ COMMITTED each statement still reads a snapshot taken when it starts,
    /// so a lock taken by one statement of the batch holds for the statements after it.
    /// </summary>
    public static NpgsqlBatch CreatePositionalBatch(this DatabaseFacade database, params (string Sql, object[] Values)[] statements)
    {
        var batch = ((NpgsqlConnection)database.GetDbConnection()).CreateBatch();
        batch.Transaction = (NpgsqlTransaction?)database.CurrentTransaction?.GetDbTransaction();
        foreach (var (sql, values) in statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            foreach (var value in values)
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            batch.BatchCommands.Add(command);
        }
        return batch;
    }

    /// <summary>
    /// One value read with <see cref="CreatePositionalCommand"/> on the context's connection (held around it), or
    /// <paramref name="none"/> when no row or a null comes back: for one-row primary-key lookups on hot paths.
    /// </summary>
    public static async Task<T> ScalarAsync<T>(this DatabaseFacade database, string sql, T none, CancellationToken cancellationToken,
        params object[] values)
    {
        await using var connection = await database.HoldConnectionAsync(cancellationToken);
        await using var command = database.CreatePositionalCommand(sql, values);
        return await command.ExecuteScalarAsync(cancellationToken) is T value ? value : none;
    }

    private sealed class Release(DatabaseFacade database) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await database.CloseConnectionAsync();
    }
}
