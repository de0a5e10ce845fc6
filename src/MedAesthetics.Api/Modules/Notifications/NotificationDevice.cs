using MedAesthetics.Api.Platform.Persistence;

namespace MedAesthetics.Api.Modules.Notifications;

public enum DevicePlatform
{
    Ios,
    Android,
    Web,
}

/// <summary>A device's FCM registration token; a token belongs to one user (the last to register it).</summary>
public sealed class NotificationDevice : Entity
{
    private NotificationDevice() { }

    public Guid UserId { get; private set; }
    [Secret]
    public string Token { get; private set; } = "";
    public DevicePlatform Platform { get; private set; }

    public static NotificationDevice Register(Guid userId, string token, DevicePlatform platform) => new() { UserId = userId, Token = token, Platform = platform };
}
