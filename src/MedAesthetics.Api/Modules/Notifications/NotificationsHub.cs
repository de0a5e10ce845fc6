using MedAesthetics.Api.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace MedAesthetics.Api.Modules.Notifications;

/// <summary>
/// Live inbox: authenticated with the API's JWT (a header, or ?access_token= for WebSockets and server-sent events);
/// the server sends "notification" (the new item) and "unreadCount" ({count}) to every connection of the user.
/// </summary>
[Authorize]
public sealed class NotificationsHub : Hub
{
    public const string Path = "/hubs/notifications";
}

/// <summary>Connections are grouped by the access token's subject, the user id.</summary>
public sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User.FindFirst(AccessTokenClaims.Subject)?.Value;
}
