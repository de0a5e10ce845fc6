using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Notifications;

/// <summary>
/// One message to one user: its inbox entry. Hidden entries are marketing the user did not consent to: kept so that
/// the skipped deliveries have something to point at, never listed or counted.
/// </summary>
public sealed class Notification : Entity
{
    private Notification() { }

    public Guid UserId { get; private set; }
    /// <summary>The trigger (appointment_booked, ..., custom for staff sends).</summary>
    public string Type { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    /// <summary>JSON object of string values the client app may use (appointment id, ...).</summary>
    public string? Data { get; private set; }
    public bool Urgent { get; private set; }
    public bool Marketing { get; private set; }
    public bool Visible { get; private set; }
    /// <summary>What made it, unique per recipient, so that a repeated event adds nothing.</summary>
    public string SourceKey { get; private set; } = "";
    public Instant? ReadAt { get; private set; }

    public static Notification Create(Guid userId, string type, RenderedMessage message, string? data, bool urgent, bool marketing, bool visible, string sourceKey) => new()
    {
        UserId = userId, Type = type, Title = message.Title, Body = message.Body, Data = data,
        Urgent = urgent, Marketing = marketing, Visible = visible, SourceKey = sourceKey,
    };

    public void MarkRead(Instant now) => ReadAt ??= now;

    /// <summary>GDPR erasure: the text may name the person; the fact of the message stays.</summary>
    public void Scrub()
    {
        Title = "[erased]";
        Body = "[erased]";
        Data = null;
    }
}
