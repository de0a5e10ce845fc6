using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAesthetics.Api.Platform.Errors;

/// <summary>The HTTP edge's one mapping from a typed <see cref="Error"/> to an RFC 9457 problem with a title that says what kind of failure it is.</summary>
public static class ErrorMapping
{
    public static ProblemHttpResult ToProblem(this Error error) => error.Kind switch
    {
        ErrorKind.Invalid when error.FieldErrors is { Count: > 0 } fields =>
            TypedResults.Problem(detail: error.Detail, statusCode: StatusCodes.Status400BadRequest, title: "Validation failed",
                extensions: new Dictionary<string, object?> { ["errors"] = fields }),
        ErrorKind.Invalid => Problem(StatusCodes.Status400BadRequest, "Bad request", error.Detail),
        ErrorKind.Unauthorized => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", error.Detail),
        ErrorKind.Forbidden => Problem(StatusCodes.Status403Forbidden, "Forbidden", error.Detail),
        ErrorKind.NotFound => Problem(StatusCodes.Status404NotFound, "Not found", error.Detail),
        ErrorKind.Conflict => Problem(StatusCodes.Status409Conflict, "Conflict", error.Detail),
        ErrorKind.Gone => Problem(StatusCodes.Status410Gone, "Gone", error.Detail),
        ErrorKind.Unprocessable => Problem(StatusCodes.Status422UnprocessableEntity, "Unprocessable request", error.Detail),
        ErrorKind.Locked => Problem(StatusCodes.Status423Locked, "Locked", error.Detail),
        _ => throw new ArgumentOutOfRangeException(nameof(error), error.Kind, "Unknown error kind."),
    };

    /// <summary>The answer of an endpoint that calls one use case: the value mapped to its 2xx, or the error as a problem.</summary>
    public static Results<TOk, ProblemHttpResult> ToResult<T, TOk>(this Outcome<T> outcome, Func<T, TOk> ok) where TOk : IResult =>
        outcome.Succeeded ? ok(outcome.Value!) : outcome.Error!.ToProblem();

    public static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}

/// <summary>Problems the HTTP edge answers itself (filters, endpoint-level checks); each goes through <see cref="ErrorMapping"/>.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult NotFound(string detail) => Error.NotFound(detail).ToProblem();
    public static ProblemHttpResult Conflict(string detail) => Error.Conflict(detail).ToProblem();
    public static ProblemHttpResult Forbidden(string detail) => Error.Forbidden(detail).ToProblem();
    public static ProblemHttpResult Unauthorized(string detail) => Error.Unauthorized(detail).ToProblem();
    public static ProblemHttpResult Locked(string detail) => Error.Locked(detail).ToProblem();
    public static ProblemHttpResult BadRequest(string detail) => Error.BadRequest(detail).ToProblem();
    public static ProblemHttpResult Invalid(string field, string message) => Error.Invalid(field, message).ToProblem();
}
