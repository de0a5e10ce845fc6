using Hangfire.PostgreSql;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Infrastructure;

/// <summary>
/// The real PostgreSQL of TEST_DATABASE_URL. Migrations run once into a template database; every test class gets its
/// own copy (CREATE DATABASE ... TEMPLATE takes milliseconds), so classes run in parallel without stepping on each other.
/// </summary>
public static class TestDatabase
{
    private static readonly SemaphoreSlim CreateLock = new(1, 1);
    private static readonly string RunId = $"{Environment.ProcessId}_{Guid.NewGuid():N}"[..20];
    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);

    public static string ServerConnectionString
    {
        get
        {
            var url = Environment.GetEnvironmentVariable("TEST_DATABASE_URL");
            if (string.IsNullOrWhiteSpace(url))
                throw new InvalidOperationException("TEST_DATABASE_URL is not set. Run the tests with ./test.sh, which starts a throwaway PostgreSQL, or point TEST_DATABASE_URL at a server where this role may create databases.");
            var builder = new NpgsqlConnectionStringBuilder(DatabaseConnection.FromUrl(url)) { Database = "postgres", Pooling = false };
            return builder.ConnectionString;
        }
    }

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, Pooling = true, MaxPoolSize = 30 }.ConnectionString;

    /// <summary>Creates a fresh database migrated to the latest schema and returns its name.</summary>
    public static async Task<string> CreateAsync(string purpose)
    {
        var template = await Template.Value;
        var name = $"ma_{RunId}_{Sanitize(purpose)}_{Guid.NewGuid():N}"[..60].ToLowerInvariant();
        await CreateLock.WaitAsync();
        try
        {
            await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        }
        finally
        {
            CreateLock.Release();
        }
        return name;
    }

    public static async Task DropAsync(string database)
    {
        await using (var connection = new NpgsqlConnection(ConnectionStringFor(database)))
            NpgsqlConnection.ClearPool(connection);
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }

    private static async Task<string> CreateTemplateAsync()
    {
        var name = $"ma_{RunId}_template".ToLowerInvariant();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionStringFor(name)) { Pooling = false }.ConnectionString;

        var options = new DbContextOptionsBuilder<AppDbContext>();
        PersistenceSetup.Configure(options, connectionString);
        await using (var db = new AppDbContext(options.Options))
            await db.Database.MigrateAsync();

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            PostgreSqlObjectsInstaller.Install(connection, "hangfire");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
        return name;
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Sanitize(string text) =>
        new string(text.Where(char.IsLetterOrDigit).ToArray()) is { Length: > 0 } clean ? clean[..Math.Min(clean.Length, 16)] : "db";
}
