using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAesthetics.Api.Platform.Errors;

/// <summary>What a use case returns: a value, or the problem that stopped it (already in its HTTP shape).</summary>
public readonly record struct Outcome<T>(T? Value, ProblemHttpResult? Problem)
{
    public bool Succeeded => Problem is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(ProblemHttpResult problem) => new(default, problem);
}
