using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAesthetics.Api.Platform.Errors;

/// <summary>The non-2xx answers endpoints give, each an RFC 9457 problem with a title that says what kind of failure it is.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);
    public static ProblemHttpResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, "Conflict", detail);
    public static ProblemHttpResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "Forbidden", detail);
    public static ProblemHttpResult Unauthorized(string detail) => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    public static ProblemHttpResult Locked(string detail) => Problem(StatusCodes.Status423Locked, "Locked", detail);
    public static ProblemHttpResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Bad request", detail);

    /// <summary>A 400 shaped like the validation filter's, for rules that need data to check (a field that is well-formed but not acceptable).</summary>
    public static ProblemHttpResult Invalid(string field, string message) =>
        TypedResults.Problem(detail: message, statusCode: StatusCodes.Status400BadRequest, title: "Validation failed",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });

    public static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
