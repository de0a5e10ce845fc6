using Microsoft.AspNetCore.Http.Features;

namespace MedAesthetics.Api.Platform.Http;

/// <summary>
/// Bodies are small JSON documents: anything larger than 1 MB is refused with 413 before it is read. A request target
/// (path and query) longer than 8 KB is refused with 414, and a NUL character (U+0000, %00) in a query value
/// with 400 naming the parameter (Kestrel itself refuses one in the path); all three as problem+json. Kestrel's own request-line limit is set above ours so
/// that it is this middleware, not Kestrel's empty 414, that answers.
/// </summary>
public static class RequestLimits
{
    public const long MaxBodyBytes = 1024 * 1024;
    public const int MaxRequestTargetLength = 8 * 1024;

    public static void ConfigureRequestLimits(this WebApplicationBuilder builder) =>
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
            kestrel.Limits.MaxRequestLineSize = 1024 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 1024 * 1024 + 64 * 1024;
            // Kestrel refuses to start unless its per-connection buffer holds the largest request line and headers.
            kestrel.Limits.MaxRequestBufferSize = 2 * 1024 * 1024;
        });

    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (request.ContentLength > MaxBodyBytes)
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            if (request.Path.Value?.Length + request.QueryString.Value?.Length > MaxRequestTargetLength)
                throw new BadHttpRequestException("Request target too long.", StatusCodes.Status414UriTooLong);
            if (NulInUrl(request) is { } errors)
            {
                await TypedResults.ValidationProblem(errors, detail: "Text must not contain the NUL character (U+0000).", title: "Validation failed")
                    .ExecuteAsync(context);
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = MaxBodyBytes;
            await next();
        });
        return app;
    }

    private static Dictionary<string, string[]>? NulInUrl(HttpRequest request)
    {
        const string message = "Text must not contain the NUL character (U+0000).";
        if (!request.QueryString.HasValue || !request.QueryString.Value!.Contains("%00", StringComparison.Ordinal))
            return null;
        var errors = request.Query
            .Where(q => q.Key.Contains('\0') || q.Value.Any(v => v?.Contains('\0') == true))
            .ToDictionary(q => q.Key.Replace("\0", ""), _ => new[] { message });
        return errors.Count == 0 ? null : errors;
    }
}
