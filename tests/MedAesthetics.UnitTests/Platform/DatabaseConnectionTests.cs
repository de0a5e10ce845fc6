using MedAesthetics.Api.Platform.Persistence;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace MedAesthetics.UnitTests.Platform;

public sealed class DatabaseConnectionTests
{
    [Fact]
    public void A_postgres_url_becomes_a_connection_string()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseConnection.FromUrl("postgres://app:s%40cret@db.local:6543/clinics?sslmode=require"));

        Assert.Equal("db.local", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("clinics", builder.Database);
        Assert.Equal("app", builder.Username);
        Assert.Equal("s@cret", builder.Password);
        Assert.Equal(SslMode.Require, builder.SslMode);
    }

    [Fact]
    public void The_seeds_separate_variables_are_accepted()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DATABASE_HOST"] = "pg", ["DATABASE_PORT"] = "5433", ["DATABASE_NAME"] = "ma", ["DATABASE_USER"] = "u", ["DATABASE_PASSWORD"] = "p",
        }).Build();

        var builder = new NpgsqlConnectionStringBuilder(DatabaseConnection.FromConfiguration(configuration));

        Assert.Equal(("pg", 5433, "ma", "u", "p"), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
    }

    [Fact]
    public void No_database_settings_means_no_connection_string()
    {
        Assert.Null(DatabaseConnection.FromConfiguration(new ConfigurationBuilder().Build()));
    }
}
