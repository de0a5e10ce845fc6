namespace MedAesthetics.Api.Platform.Security;

/// <summary>
/// Headers on every answer, errors and the 429 of the rate limiter included (they are written when the response
/// starts, so whatever cleared the headers before, such as the exception handler, cannot drop them):
/// nosniff, frame denial, no referrer, a Content-Security-Policy, and <c>Cache-Control: no-store</c> unless the endpoint
/// chose its own caching (answers carry tokens and personal data). The API's JSON gets the strictest policy; the two
/// HTML pages a browser opens (Swagger UI under /api/docs and the Hangfire dashboard under /jobs) get one that lets
/// their own scripts, styles, images and XHR run and nothing from elsewhere.
/// </summary>
public static class SecurityHeaders
{
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>Swagger UI and the Hangfire dashboard load only their own files; both set inline style attributes.</summary>
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly PathString SwaggerUi = "/api/docs";
    private static readonly PathString OpenApiDocument = OpenApi.OpenApiSetup.DocumentPath;
    private static readonly PathString Dashboard = Auth.AuthSetup.DashboardPath;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // The path as it came in: a branch such as the dashboard's /jobs moves its prefix into PathBase.
            var policy = PolicyFor(context.Request.PathBase.Add(context.Request.Path));
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy = policy;
                if (headers.CacheControl.Count == 0)
                    headers.CacheControl = "no-store";
                headers.Remove("Server");
                return Task.CompletedTask;
            });
            return next(context);
        });

    public static string PolicyFor(PathString path) =>
        path.StartsWithSegments(Dashboard) || path.StartsWithSegments(SwaggerUi) && !path.Equals(OpenApiDocument)
            ? PagePolicy
            : ApiPolicy;
}
