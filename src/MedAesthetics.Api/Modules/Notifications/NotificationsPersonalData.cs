using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Notifications;

/// <summary>GDPR share of the module: inbox, delivery records, devices (never their tokens) and preferences; erasure drops devices and preferences and scrubs message text.</summary>
public sealed class NotificationsPersonalData(AppDbContext db, PreferencesService preferences) : IPersonalDataSource
{
    public string Section => "notifications";

    public async Task<object> ExportAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        var userId = subject.UserId;
        var inbox = await db.Set<Notification>().AsNoTracking().Where(n => n.UserId == userId).OrderBy(n => n.CreatedAt).ToListAsync(cancellationToken);
        var deliveries = await db.Set<NotificationDelivery>().AsNoTracking().Where(d => d.UserId == userId).OrderBy(d => d.CreatedAt).ToListAsync(cancellationToken);
        var devices = await db.Set<NotificationDevice>().AsNoTracking().Where(d => d.UserId == userId).OrderBy(d => d.CreatedAt)
            .Select(d => new DeviceResponse(d.Id, d.Platform, d.CreatedAt)).ToListAsync(cancellationToken);
        return new
        {
            inbox = inbox.Select(NotificationResponse.From).ToList(),
            deliveries = deliveries.Select(DeliveryResponse.From).ToList(),
            devices,
            preferences = await preferences.GetAsync(userId, cancellationToken),
        };
    }

    public async Task EraseAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        var userId = subject.UserId;
        await db.Set<NotificationDevice>().Where(d => d.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<NotificationPreferences>().Where(p => p.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<Notification>().Where(n => n.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Title, "[erased]").SetProperty(n => n.Body, "[erased]").SetProperty(n => n.Data, (string?)null), cancellationToken);
        // Other people's messages about the person (a provider told of a cancellation) keep the message, not the person's name or contacts.
        if (PersonalDataPattern.For([subject.Email, subject.Phone, subject.FirstName, subject.LastName]) is { } pattern)
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE notifications SET title = regexp_replace(title, {pattern}, '[erased]', 'gi'), body = regexp_replace(body, {pattern}, '[erased]', 'gi') WHERE title ~* {pattern} OR body ~* {pattern}",
                cancellationToken);
        // Nothing queued may still reach the person.
        await db.Set<NotificationDelivery>().Where(d => d.UserId == userId && d.Status == DeliveryStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Skipped).SetProperty(d => d.Reason, "the user's data was erased"), cancellationToken);
    }
}
