using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Notifications;

/// <summary>A user's channel switches and quiet hours (null: the platform's); no row means the defaults. Marketing consent is Identity's consent record, not a column here.</summary>
public sealed class NotificationPreferences : Entity
{
    private NotificationPreferences() { }

    public Guid UserId { get; private set; }
    public bool InApp { get; private set; } = true;
    public bool Push { get; private set; } = true;
    public bool Email { get; private set; } = true;
    public bool Sms { get; private set; } = true;
    public bool Viber { get; private set; }
    public LocalTime? QuietStart { get; private set; }
    public LocalTime? QuietEnd { get; private set; }
    /// <summary>The user's id with the clinic's Viber bot (given by Viber when the user subscribes to the bot).</summary>
    public string? ViberUserId { get; private set; }

    public static NotificationPreferences DefaultsFor(Guid userId) => new() { UserId = userId };

    public bool IsOn(NotificationChannel channel) => channel switch
    {
        NotificationChannel.InApp => InApp,
        NotificationChannel.Push => Push,
        NotificationChannel.Email => Email,
        NotificationChannel.Sms => Sms,
        NotificationChannel.Viber => Viber,
        _ => false,
    };

    public void Update(IReadOnlyDictionary<NotificationChannel, bool> channels, LocalTime? quietStart, LocalTime? quietEnd, string? viberUserId)
    {
        foreach (var (channel, on) in channels)
        {
            switch (channel)
            {
                case NotificationChannel.InApp: InApp = on; break;
                case NotificationChannel.Push: Push = on; break;
                case NotificationChannel.Email: Email = on; break;
                case NotificationChannel.Sms: Sms = on; break;
                case NotificationChannel.Viber: Viber = on; break;
            }
        }
        if (quietStart is not null && quietEnd is not null)
        {
            QuietStart = quietStart;
            QuietEnd = quietEnd;
        }
        if (viberUserId is not null) ViberUserId = viberUserId.Length == 0 ? null : viberUserId;
    }
}
