using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Webhooks;

/// <summary>
/// A receiver registered by an admin (for one clinic or, with no clinic, for all) or a clinic owner (for one of its
/// clinics). The secret signs every delivery; it is shown once, at creation, and never audited ([Secret]). An endpoint
/// whose deliveries failed without a success for WebhookDisableAfterHours (24) is disabled until re-enabled.
/// </summary>
public sealed class WebhookEndpoint : Entity
{
    private WebhookEndpoint() { }

    /// <summary>Null: every clinic's events (admins only).</summary>
    public Guid? ClinicId { get; private set; }
    /// <summary>The user who registered it; told when it is disabled.</summary>
    public Guid OwnerId { get; private set; }
    public string Url { get; private set; } = "";
    [Secret]
    public string Secret { get; private set; } = "";
    public string[] EventTypes { get; private set; } = [];
    public Instant? DisabledAt { get; private set; }
    public string? DisabledReason { get; private set; }
    /// <summary>The first failed attempt since the last success (bookkeeping the delivery job keeps with plain updates).</summary>
    public Instant? FailingSince { get; private set; }
    public Instant? LastSuccessAt { get; private set; }

    public bool Enabled => DisabledAt is null;

    public static WebhookEndpoint Register(Guid? clinicId, Guid ownerId, string url, string secret, IEnumerable<string> eventTypes) => new()
    {
        ClinicId = clinicId, OwnerId = ownerId, Url = url, Secret = secret,
        EventTypes = eventTypes.Distinct().Order(StringComparer.Ordinal).ToArray(),
    };

    public void Disable(string reason, Instant now)
    {
        DisabledAt = now;
        DisabledReason = reason;
    }

    /// <summary>Back on, with a clean record: the failure window starts afresh.</summary>
    public void Enable()
    {
        DisabledAt = null;
        DisabledReason = null;
        FailingSince = null;
    }
}
