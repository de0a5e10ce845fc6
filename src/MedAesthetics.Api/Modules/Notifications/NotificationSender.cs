using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Persistence;

namespace MedAesthetics.Api.Modules.Notifications;

/// <summary>
/// Staff and admins send a message to users they may reach: the admin anyone; clinic staff the clients with
/// appointments at their clinics; a salesperson the clients with appointments at the clinics granted to it. A user
/// outside that reach is not found. The inbox entries are written at once; the channels go through the jobs.
/// </summary>
public sealed class NotificationSender(AppDbContext db, NotificationComposer composer, IUserDirectory users, IBookingDirectory bookings)
{
    public async Task<Outcome<SendNotificationResponse>> SendAsync(SendNotificationRequest request, AccessScope scope, CancellationToken ct)
    {
        if (!scope.Caller.IsStaff)
            return Error.Forbidden("Only staff and admins send notifications.");
        var userIds = request.UserIds!.Distinct().ToList();
        var found = await users.FindAsync(userIds, ct);
        var reachable = scope.IsAdmin
            ? found.Keys.ToHashSet()
            : await bookings.ClientsWithAppointmentsAtAsync(
                scope.Caller.Role == UserRole.Salesperson ? scope.AgentClinics : scope.TeamClinics, found.Keys.ToList(), ct);
        if (userIds.FirstOrDefault(id => !reachable.Contains(id) || !found[id].IsActive) is var missing && missing != Guid.Empty)
            return Error.NotFound($"There is no user {missing} you may send to.");

        var marketing = request.Marketing ?? false;
        var type = marketing ? "marketing" : "message";
        var data = request.Data is { ValueKind: System.Text.Json.JsonValueKind.Object } d ? d.GetRawText() : null;
        var batch = Guid.CreateVersion7();
        var drafts = userIds.Select(id => new NotificationDraft(id, type, $"{type}:{batch}", request.ChannelList,
            Text: new RenderedMessage(request.Title!.Trim(), request.Body!.Trim()), Data: data, Urgent: request.Urgent ?? false, Marketing: marketing)).ToList();
        var ids = await composer.WriteAsync(drafts, ct);
        await db.SaveChangesAsync(ct);
        return new SendNotificationResponse(ids);
    }
}
