using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Identity;

public enum ConsentType
{
    Terms,
    Privacy,
    Marketing,
}

/// <summary>One consent decision: granted or withdrawn, for a version of a document, when and from where. Never changed: the latest per type is in force, the rest is history.</summary>
public sealed class Consent : Entity
{
    /// <summary>The version of terms and privacy policy that registration records.</summary>
    public const string CurrentVersion = "2026-01";

    private Consent() { }

    public Guid UserId { get; private set; }
    public ConsentType Type { get; private set; }
    public string Version { get; private set; } = "";
    public bool Granted { get; private set; }
    public Instant RecordedAt { get; private set; }
    public string? IpAddress { get; private set; }

    public static Consent Record(Guid userId, ConsentType type, string version, bool granted, Instant at, string? ipAddress) => new()
    {
        UserId = userId, Type = type, Version = version.Trim(), Granted = granted, RecordedAt = at, IpAddress = ipAddress,
    };

    public void ForgetIpAddress() => IpAddress = null;
}
