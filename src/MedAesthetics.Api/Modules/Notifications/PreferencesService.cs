using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Notifications;

/// <summary>
/// A user's notification preferences. Marketing consent is the "marketing" switch here until the GDPR consents
/// (terms, privacy, marketing records) exist; without it marketing messages are skipped and recorded.
/// </summary>
public sealed class PreferencesService(AppDbContext db, IPlatformSettings platformSettings)
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
        preferences.Update(channels, start, end, request.Marketing, request.ViberUserId);
        await db.SaveChangesAsync(ct);
        return await ResponseAsync(preferences, ct);
    }

    private async Task<PreferencesResponse> ResponseAsync(NotificationPreferences preferences, CancellationToken ct)
    {
        var settings = await platformSettings.GetAsync(ct);
        PreferenceTimes.TryParse(settings.QuietHoursStart, out var start);
        PreferenceTimes.TryParse(settings.QuietHoursEnd, out var end);
        return PreferencesResponse.From(preferences, start, end);
    }
}
