using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Notifications;

/// <summary>
/// A user's notification preferences. The "marketing" switch is a view of the marketing consent record in Identity:
/// reading shows the decision in force, changing it records a new consent decision (granted or withdrawn, with the
/// time and address) in the same transaction as the preferences. Without consent marketing messages are skipped and recorded.
/// </summary>
public sealed class PreferencesService(AppDbContext db, IMarketingConsent marketingConsent, IPlatformSettings platformSettings)
{
    public async Task<PreferencesResponse> GetAsync(Guid userId, CancellationToken ct)
    {
        var preferences = await db.Set<NotificationPreferences>().AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, ct)
                          ?? NotificationPreferences.DefaultsFor(userId);
        return await ResponseAsync(preferences, ct);
    }

    public async Task<PreferencesResponse> UpdateAsync(Guid userId, UpdatePreferencesRequest request, CancellationToken ct)
    {
        var preferences = await db.Set<NotificationPreferences>().SingleOrDefaultAsync(p => p.UserId == userId, ct);
        if (preferences is null)
        {
            preferences = NotificationPreferences.DefaultsFor(userId);
            db.Set<NotificationPreferences>().Add(preferences);
        }
        var channels = (request.Channels ?? []).ToDictionary(c => EnumColumns.Parse<NotificationChannel>(c.Key)!.Value, c => c.Value);
        LocalTime? start = null, end = null;
        if (request.QuietHours is { } quiet && PreferenceTimes.TryParse(quiet.Start, out var s) && PreferenceTimes.TryParse(quiet.End, out var e))
            (start, end) = (s, e);
        preferences.Update(channels, start, end, request.ViberUserId);
        if (request.Marketing is { } marketing && marketing != await HasConsentAsync(userId, ct))
            marketingConsent.Record(userId, marketing);
        await db.SaveChangesAsync(ct);
        return await ResponseAsync(preferences, ct);
    }

    private async Task<PreferencesResponse> ResponseAsync(NotificationPreferences preferences, CancellationToken ct)
    {
        var settings = await platformSettings.GetAsync(ct);
        PreferenceTimes.TryParse(settings.QuietHoursStart, out var start);
        PreferenceTimes.TryParse(settings.QuietHoursEnd, out var end);
        return PreferencesResponse.From(preferences, await HasConsentAsync(preferences.UserId, ct), start, end);
    }

    private async Task<bool> HasConsentAsync(Guid userId, CancellationToken ct) =>
        (await marketingConsent.GrantedAsync([userId], ct)).Contains(userId);
}
