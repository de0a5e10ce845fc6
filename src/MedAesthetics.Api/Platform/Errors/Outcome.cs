namespace MedAesthetics.Api.Platform.Errors;

/// <summary>What a use case returns: a value, or the typed error that stopped it. Nothing here knows HTTP; the edge maps errors once (<see cref="ErrorMapping"/>).</summary>
public readonly record struct Outcome<T>(T? Value, Error? Error)
{
    public bool Succeeded => Error is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(Error error) => new(default, error);
}
