using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Clinics;

/// <summary>A partner clinic. Its IANA timezone decides every local time of its calendar.</summary>
public sealed class Clinic : Entity, ISoftDeletable
{
    private Clinic() { }

    public string Name { get; private set; } = "";
    public string Timezone { get; private set; } = "";
    public string? Address { get; private set; }
    public string? Phone { get; private set; }
    public string? Email { get; private set; }
    /// <summary>ISO 3166 alpha-2, the default region for phone numbers of its leads.</summary>
    public string? CountryCode { get; private set; }
    public Guid? OwnerId { get; private set; }
    public Instant? DeletedAt { get; private set; }

    public static Clinic Create(ClinicDetails details) => new Clinic().Apply(details);

    public Clinic Apply(ClinicDetails details)
    {
        if (details.Name is not null) Name = details.Name.Trim();
        if (details.Timezone is not null) Timezone = details.Timezone;
        if (details.Address is not null) Address = Blank(details.Address);
        if (details.Phone is not null) Phone = Blank(details.Phone);
        if (details.Email is not null) Email = Blank(details.Email)?.ToLowerInvariant();
        if (details.CountryCode is not null) CountryCode = Blank(details.CountryCode)?.ToUpperInvariant();
        return this;
    }

    public void AssignOwner(Guid? ownerId) => OwnerId = ownerId;

    private static string? Blank(string value) => value.Trim().Length == 0 ? null : value.Trim();
}

public sealed record ClinicDetails(string? Name, string? Timezone, string? Address, string? Phone, string? Email, string? CountryCode);
