namespace MedAesthetics.Api.Platform.Security;

/// <summary>What the API does at its edge, before any module: trusted proxies, security headers, HSTS, CORS and rate limits (README "Security").</summary>
public static class EdgeSecurity
{
    public static WebApplicationBuilder AddEdgeSecurity(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services
            .AddCorsOrigins(builder.Configuration)
            .AddRateLimits(builder.Configuration)
            .AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    /// <summary>First in the pipeline: the client address and scheme are settled before logging, and every answer gets the headers.</summary>
    public static WebApplication UseEdgeSecurity(this WebApplication app)
    {
        app.UseTrustedProxies(app.Configuration);
        app.UseSecurityHeaders();
        if (app.Environment.IsProduction())
            app.UseHsts();
        app.UseCors();
        return app;
    }
}
