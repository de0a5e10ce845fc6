using System.Text;
using Npgsql;

namespace MedAesthetics.IntegrationTests.Contract;

/// <summary>
/// A hash of every row of every table, per table, computed by PostgreSQL in one query
/// (<c>md5(string_agg(t::text, ',' ORDER BY t::text))</c>): two equal fingerprints mean no row was added, removed or changed.
/// Left out: the job storage's schema (<c>hangfire</c>), which Hangfire writes for its own bookkeeping (locks, recurring-job
/// registration) whatever a request does; nothing of the platform's is kept there.
/// </summary>
public sealed class DatabaseFingerprint(string connectionString)
{
    private string? _query;

    public async Task<Dictionary<string, string>> TakeAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        _query ??= await QueryAsync(connection);
        var hashes = new Dictionary<string, string>();
        await using var command = new NpgsqlCommand(_query, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            hashes[reader.GetString(0)] = reader.GetString(1);
        return hashes;
    }

    /// <summary>The tables whose hash differs, as "table" lines for a message.</summary>
    public static List<string> Changed(Dictionary<string, string> before, Dictionary<string, string> after) =>
        before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t)).Order().ToList();

    private static async Task<string> QueryAsync(NpgsqlConnection connection)
    {
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables " +
            "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema', 'hangfire') ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        var sql = new StringBuilder();
        foreach (var table in tables)
        {
            if (sql.Length > 0)
                sql.Append(" UNION ALL ");
            sql.Append($"SELECT '{table.Replace("'", "''")}', md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM {table} t");
        }
        return sql.ToString();
    }
}
