using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Clinics;

/// <summary>A treatment a clinic sells: its length, price and the buffers its room or device needs around it.</summary>
public sealed class Service : Entity, ISoftDeletable
{
    private Service() { }

    public Guid ClinicId { get; private set; }
    public string Name { get; private set; } = "";
    public string? Category { get; private set; }
    public int DurationMinutes { get; private set; }
    public decimal Price { get; private set; }
    public string Currency { get; private set; } = "EUR";
    public int BufferBeforeMinutes { get; private set; }
    public int BufferAfterMinutes { get; private set; }
    /// <summary>Points a completed treatment earns instead of the per-euro rule.</summary>
    public int? LoyaltyPoints { get; private set; }
    /// <summary>Days after which the client should come back for it (botox 150, fillers 300).</summary>
    public int? RepeatAfterDays { get; private set; }
    public Instant? DeletedAt { get; private set; }

    public static Service Create(Guid clinicId, ServiceDetails details) => new()
    {
        ClinicId = clinicId,
        Name = details.Name.Trim(),
        Category = string.IsNullOrWhiteSpace(details.Category) ? null : details.Category.Trim(),
        DurationMinutes = details.DurationMinutes,
        Price = details.Price,
        Currency = details.Currency.ToUpperInvariant(),
        BufferBeforeMinutes = details.BufferBeforeMinutes,
        BufferAfterMinutes = details.BufferAfterMinutes,
        LoyaltyPoints = details.LoyaltyPoints,
        RepeatAfterDays = details.RepeatAfterDays,
    };
}

public sealed record ServiceDetails(
    string Name, string? Category, int DurationMinutes, decimal Price, string Currency,
    int BufferBeforeMinutes, int BufferAfterMinutes, int? LoyaltyPoints, int? RepeatAfterDays);
