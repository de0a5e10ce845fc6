using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>A label for leads, with a colour for the back office; tags applied to leads are kept here too.</summary>
public sealed class Tag : Entity
{
    private Tag() { }

    public string Name { get; private set; } = "";
    public string? Color { get; private set; }

    public static Tag Create(string name, string? color) => new() { Name = name.Trim().ToLowerInvariant(), Color = color };
}
