namespace MedAesthetics.Api.Platform.Hosting;

/// <summary>
/// The optional Redis (the SignalR backplane across nodes): REDIS_URL (redis://[user][:password]@host[:port][/db],
/// rediss:// for TLS, or a StackExchange.Redis configuration string) or REDIS_HOST with REDIS_PORT (6379) and
/// REDIS_PASSWORD. Returns a StackExchange.Redis configuration string, or null when Redis is not configured.
/// </summary>
public static class RedisConnection
{
    public static string? FromConfiguration(IConfiguration configuration)
    {
        var url = configuration["REDIS_URL"];
        if (!string.IsNullOrWhiteSpace(url))
            return FromUrl(url.Trim());
        var host = configuration["REDIS_HOST"];
        if (string.IsNullOrWhiteSpace(host))
            return null;
        var port = configuration["REDIS_PORT"] is { Length: > 0 } p ? p : "6379";
        return Join($"{host.Trim()}:{port.Trim()}", user: null, configuration["REDIS_PASSWORD"], ssl: false, database: null);
    }

    public static string FromUrl(string url)
    {
        if (!url.Contains("://", StringComparison.Ordinal))
            return url.Contains("abortConnect", StringComparison.OrdinalIgnoreCase) ? url : $"{url},abortConnect=false";
        var uri = new Uri(url);
        var ssl = uri.Scheme switch
        {
            "redis" => false,
            "rediss" => true,
            _ => throw new InvalidOperationException($"REDIS_URL must start with redis:// or rediss://, not {uri.Scheme}://."),
        };
        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            if (parts.Length == 2)
            {
                user = parts[0].Length > 0 ? Uri.UnescapeDataString(parts[0]) : null;
                password = Uri.UnescapeDataString(parts[1]);
            }
            else
            {
                password = Uri.UnescapeDataString(parts[0]);   // redis://secret@host: a password alone, as redis-cli reads it
            }
        }
        var path = uri.AbsolutePath.Trim('/');
        int? database = int.TryParse(path, out var db) ? db : null;
        return Join($"{uri.Host}:{(uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port)}", user, password, ssl, database);
    }

    /// <summary>abortConnect=false: the API starts while Redis is down and reconnects when it is back.</summary>
    private static string Join(string endpoint, string? user, string? password, bool ssl, int? database)
    {
        var parts = new List<string> { endpoint };
        if (!string.IsNullOrEmpty(user))
            parts.Add($"user={user}");
        if (!string.IsNullOrEmpty(password))
            parts.Add($"password={password}");
        if (ssl)
            parts.Add("ssl=true");
        if (database is { } d)
            parts.Add($"defaultDatabase={d}");
        parts.Add("abortConnect=false");
        return string.Join(',', parts);
    }

    /// <summary>Host and port only, for the start-up log (never the password).</summary>
    public static string Describe(string configurationString) => configurationString.Split(',')[0];
}
