using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Outbox;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Identity;

/// <summary>The welcome a new user is owed; the Notifications module will deliver it. One per user, enforced by a unique index.</summary>
public sealed class UserWelcome : Entity
{
    private UserWelcome() { }

    public Guid UserId { get; private set; }
    public Guid EventId { get; private set; }
    public string Locale { get; private set; } = "";
    public string Message { get; private set; } = "";

    public static UserWelcome For(UserRegistered registered, Guid eventId) => new()
    {
        UserId = registered.UserId,
        EventId = eventId,
        Locale = registered.Locale,
        Message = registered.Locale.StartsWith("el", StringComparison.Ordinal)
            ? $"Καλώς ήρθατε στο MedAesthetics, {registered.FirstName}!"
            : $"Welcome to MedAesthetics, {registered.FirstName}!",
    };
}
