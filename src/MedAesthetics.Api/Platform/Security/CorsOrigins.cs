namespace MedAesthetics.Api.Platform.Security;

/// <summary>
/// Browsers may call the API from the origins of CORS_ORIGINS only (comma-separated, exact scheme://host[:port]);
/// none by default, so no answer carries Access-Control-Allow-Origin. Bearer tokens travel in a header, never in
/// cookies, so credentials are not allowed.
/// </summary>
public static class CorsOrigins
{
    public const string Variable = "CORS_ORIGINS";

    public static string[] From(IConfiguration configuration) =>
        (configuration[Variable] ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(o => Uri.TryCreate(o, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/"
                ? o.TrimEnd('/')
                : throw new InvalidOperationException($"{Variable}: '{o}' is not an origin such as https://app.example.com."))
            .ToArray();

    public static IServiceCollection AddCorsOrigins(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = From(configuration);
        services.AddCors(options => options.AddDefaultPolicy(policy =>
        {
            if (origins.Length > 0)
                policy.WithOrigins(origins);
            policy.AllowAnyHeader()
                .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
                .WithExposedHeaders("Location", "Retry-After", "Content-Disposition")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
        }));
        return services;
    }
}
