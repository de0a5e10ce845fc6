namespace MedAesthetics.Api.Platform.Errors;

/// <summary>Why a use case refused: the kind decides the status at the HTTP edge, the detail is for people.</summary>
public enum ErrorKind
{
    /// <summary>The input is well-formed but not acceptable; <see cref="Error.FieldErrors"/> names the fields when it can.</summary>
    Invalid,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    Gone,
    Locked,
    /// <summary>The request repeats an earlier one with different content (an idempotency key reused with another body).</summary>
    Unprocessable,
}

/// <summary>A typed error a service, job or handler returns instead of throwing; free of ASP.NET Core types.</summary>
public sealed record Error(ErrorKind Kind, string Detail, IReadOnlyDictionary<string, string[]>? FieldErrors = null)
{
    public static Error NotFound(string detail) => new(ErrorKind.NotFound, detail);
    public static Error Conflict(string detail) => new(ErrorKind.Conflict, detail);
    public static Error Forbidden(string detail) => new(ErrorKind.Forbidden, detail);
    public static Error Unauthorized(string detail) => new(ErrorKind.Unauthorized, detail);
    public static Error Locked(string detail) => new(ErrorKind.Locked, detail);
    public static Error Gone(string detail) => new(ErrorKind.Gone, detail);
    public static Error Unprocessable(string detail) => new(ErrorKind.Unprocessable, detail);
    public static Error BadRequest(string detail) => new(ErrorKind.Invalid, detail);

    /// <summary>A field that is well-formed but not acceptable (a rule that needs data to check).</summary>
    public static Error Invalid(string field, string message) =>
        new(ErrorKind.Invalid, message, new Dictionary<string, string[]> { [field] = [message] });
}
