using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAesthetics.Api.Modules.Notifications;

public static class NotificationsEndpoints
{
    public static void MapNotificationsEndpoints(this IEndpointRouteBuilder routes)
    {
        var inbox = routes.MapGroup("/notifications").WithTags("Notifications").RequireAuthorization().WithValidation();

        inbox.MapGet("", async Task<Ok<PageOf<NotificationResponse>>> ([AsParameters] NotificationListQuery query, Caller caller, InboxQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.ListAsync(caller.UserId, query, ct)))
            .WithName("listNotifications")
            .WithSummary("Your inbox, newest first (unreadOnly=true for unread entries)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);

        inbox.MapGet("/unread-count", async Task<Ok<UnreadCountResponse>> (Caller caller, InboxQueries queries, CancellationToken ct) =>
                TypedResults.Ok(new UnreadCountResponse(await queries.UnreadCountAsync(caller.UserId, ct))))
            .WithName("getUnreadCount")
            .WithSummary("How many of your notifications are unread")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        inbox.MapPatch("/{id:guid}/read", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, Caller caller, InboxService service, CancellationToken ct) =>
                (await service.MarkReadAsync(caller.UserId, id, ct)).ToResult(_ => TypedResults.NoContent()))
            .WithName("markNotificationRead")
            .WithSummary("Mark one of your notifications read (another user's answers 404)")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);

        inbox.MapPost("/read-all", async Task<NoContent> (Caller caller, InboxService service, CancellationToken ct) =>
            {
                await service.ReadAllAsync(caller.UserId, ct);
                return TypedResults.NoContent();
            })
            .WithName("markAllNotificationsRead")
            .WithSummary("Mark all your notifications read")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        inbox.MapPost("/send", async Task<Results<Accepted<SendNotificationResponse>, ProblemHttpResult>> (
                SendNotificationRequest request, Caller caller, AccessScopeProvider scopes, NotificationSender sender, CancellationToken ct) =>
                (await sender.SendAsync(request, await scopes.ForAsync(caller, ct), ct)).ToResult(r => TypedResults.Accepted((string?)null, r)))
            .RequireAuthorization(Policies.Staff)
            .WithName("sendNotification")
            .WithSummary("Send a message to users you may reach (staff: clients of your clinics; admin: anyone); channels are sent in the background")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var me = routes.MapGroup("/users/me").WithTags("Notifications").RequireAuthorization().WithValidation();

        me.MapPost("/devices", async Task<Created<DeviceResponse>> (RegisterDeviceRequest request, Caller caller, DeviceService devices, CancellationToken ct) =>
            {
                var device = await devices.RegisterAsync(caller.UserId, request, ct);
                return TypedResults.Created($"/users/me/devices/{device.Id}", device);
            })
            .WithName("registerDevice")
            .WithSummary("Register this device's push token (FCM registration token) for you")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);

        me.MapGet("/notification-preferences", async Task<Ok<PreferencesResponse>> (Caller caller, PreferencesService preferences, CancellationToken ct) =>
                TypedResults.Ok(await preferences.GetAsync(caller.UserId, ct)))
            .WithName("getNotificationPreferences")
            .WithSummary("Your channel switches, quiet hours and marketing consent")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        me.MapPut("/notification-preferences", async Task<Ok<PreferencesResponse>> (UpdatePreferencesRequest request, Caller caller, PreferencesService preferences, CancellationToken ct) =>
                TypedResults.Ok(await preferences.UpdateAsync(caller.UserId, request, ct)))
            .WithName("updateNotificationPreferences")
            .WithSummary("Change channel switches, quiet hours (HH:mm in your timezone), marketing consent or your Viber id; what is left out stays")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);

        routes.MapGroup("/admin/notification-deliveries").WithTags("Notifications").RequireAuthorization(Policies.Admin).WithValidation()
            .MapGet("", async Task<Ok<PageOf<DeliveryResponse>>> ([AsParameters] DeliveryListQuery query, InboxQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.DeliveriesAsync(query, ct)))
            .WithName("listNotificationDeliveries")
            .WithSummary("Delivery records of every channel attempt, newest first (status, channel, userId filters)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        routes.MapHub<NotificationsHub>(NotificationsHub.Path);
    }
}
