using System.Diagnostics;
using System.Text.Json;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace MedAesthetics.Api.Platform.Errors;

/// <summary>Turns exceptions into problem+json: what the client sent wrong is 4xx, a lost race on a constraint is 409, the rest 500 without internals.</summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = Classify(exception);
        var errors = status == 400 ? JsonInputErrors.From(exception) : null;
        if (status >= 500)
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        else
            logger.LogInformation("Request rejected with {Status}: {Detail}", status, detail);

        if (httpContext.Response.HasStarted)
            return false;
        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = errors is null
                ? new ProblemDetails { Status = status, Title = title, Detail = detail }
                : new HttpValidationProblemDetails(errors) { Status = status, Title = title, Detail = detail },
        });
    }

    private static (int Status, string Title, string Detail) Classify(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: 413 } => (413, "Payload too large", "The request body is larger than this endpoint accepts."),
        BadHttpRequestException { StatusCode: 415 } => (415, "Unsupported media type", "Send the body as application/json."),
        BadHttpRequestException { StatusCode: 414 } => (414, "URI too long", $"The request target is longer than {RequestLimits.MaxRequestTargetLength} characters."),
        BadHttpRequestException bad when bad.InnerException is JsonException json => (400, "Malformed JSON", JsonDetail(json)),
        BadHttpRequestException bad when bad.Message.Contains("no body was provided", StringComparison.Ordinal) =>
            (400, "Missing body", "This endpoint needs a JSON request body."),
        BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
        JsonException json => (400, "Malformed JSON", JsonDetail(json)),
        _ when exception.FindPostgresException()?.SqlState == PostgresErrors.CharacterNotInRepertoire =>
            (400, "Bad request", "Text must not contain the NUL character (U+0000)."),
        _ when exception.IsConflict() => (409, "Conflict", "The change conflicts with existing data (a duplicate or an overlapping booking)."),
        OperationCanceledException => (499, "Client closed request", "The request was cancelled."),
        _ => (500, "Internal server error", "An unexpected error occurred. It has been logged with this trace id."),
    };

    private static string JsonDetail(JsonException json) =>
        json.Path is { Length: > 1 } path ? $"The JSON body is invalid at '{path.TrimStart('$', '.')}'." : "The request body is not valid JSON.";
}

public static class ErrorHandlingSetup
{
    public static IServiceCollection AddApiErrors(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            problem.Extensions.Remove("exception");
            problem.Detail ??= problem.Title;
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }
}
