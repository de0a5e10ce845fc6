using Npgsql;

namespace MedAesthetics.IntegrationTests.Infrastructure;

/// <summary>
/// A table locked ACCESS EXCLUSIVE by a transaction of the test's own, so that any read of it waits until
/// <see cref="ReleaseAsync"/> (or disposal, if the test fails first) rolls that transaction back: for tests of what
/// other requests do while one is stuck.
/// </summary>
public sealed class TableLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly string _table;
    private bool _released;

    private TableLock(NpgsqlConnection connection, NpgsqlTransaction transaction, string table) =>
        (_connection, _transaction, _table) = (connection, transaction, table);

    public static async Task<TableLock> TakeAsync(string connectionString, string table)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand($"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE", connection, transaction))
            await command.ExecuteNonQueryAsync();
        return new TableLock(connection, transaction, table);
    }

    /// <summary>Returns once another session waits for the lock; fails the test after 10 s.</summary>
    public async Task UntilSomeoneWaitsAsync()
    {
        await using var waiting = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = $1 AND NOT l.granted", _connection)
        {
            Parameters = { new NpgsqlParameter { Value = _table } },
        };
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((long)(await waiting.ExecuteScalarAsync())! == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"nothing waited for the lock on {_table}");
            await Task.Delay(20);
        }
    }

    public async Task ReleaseAsync()
    {
        if (_released)
            return;
        _released = true;
        await _transaction.RollbackAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
