using Npgsql;

namespace MedAesthetics.Api.Platform.Persistence;

/// <summary>Builds the Npgsql connection string from DATABASE_URL (a postgres:// URI or a keyword string) or the DATABASE_* variables.</summary>
public static class DatabaseConnection
{
    public static string? FromConfiguration(IConfiguration configuration)
    {
        var url = configuration["DATABASE_URL"];
        if (!string.IsNullOrWhiteSpace(url))
            return FromUrl(url);

        var host = configuration["DATABASE_HOST"];
        if (string.IsNullOrWhiteSpace(host))
            return configuration.GetConnectionString("Default");

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = host,
            Port = int.TryParse(configuration["DATABASE_PORT"], out var port) ? port : 5432,
            Database = configuration["DATABASE_NAME"] ?? "medaesthetics",
            Username = configuration["DATABASE_USER"] ?? "postgres",
            Password = configuration["DATABASE_PASSWORD"],
        };
        return Tune(builder).ConnectionString;
    }

    public static string FromUrl(string url)
    {
        if (!url.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) &&
            !url.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return Tune(new NpgsqlConnectionStringBuilder(url)).ConnectionString;

        var uri = new Uri(url);
        var userInfo = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            Username = Uri.UnescapeDataString(userInfo[0]),
            Password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : null,
        };
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            if (key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) && kv.Length == 2)
                builder.SslMode = Enum.Parse<SslMode>(Uri.UnescapeDataString(kv[1]), ignoreCase: true);
        }
        if (string.IsNullOrEmpty(builder.Database))
            builder.Database = "medaesthetics";
        return Tune(builder).ConnectionString;
    }

    private static NpgsqlConnectionStringBuilder Tune(NpgsqlConnectionStringBuilder builder)
    {
        if (!builder.ContainsKey("Maximum Pool Size") || builder.MaxPoolSize == 100)
            builder.MaxPoolSize = 50;
        return builder;
    }
}
