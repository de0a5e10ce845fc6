using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Modules.Notifications.Channels;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Notifications;

/// <param name="MarketingConsent">The user's marketing consent in force (Identity's consent records).</param>
public sealed record RecipientProfile(Recipient Recipient, NotificationPreferences Preferences, string FullName, string FirstName, bool MarketingConsent);

/// <summary>Who a user is for the channels: contact details and marketing consent from Identity, preferences and devices from this module. Four queries for any number of users.</summary>
public sealed class RecipientDirectory(AppDbContext db, IUserDirectory users, IMarketingConsent marketingConsent, IPlatformSettings platformSettings)
{
    public async Task<IReadOnlyDictionary<Guid, RecipientProfile>> LoadAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct)
    {
        var settings = await platformSettings.GetAsync(ct);
        var found = await users.FindAsync(userIds, ct);
        var ids = found.Keys.ToList();
        var preferences = await db.Set<NotificationPreferences>().AsNoTracking().Where(p => ids.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, ct);
        var devices = (await db.Set<NotificationDevice>().AsNoTracking().Where(d => ids.Contains(d.UserId)).OrderBy(d => d.CreatedAt).ToListAsync(ct))
            .ToLookup(d => d.UserId, d => new DeviceToken(d.Id, d.Token));
        var consenting = await marketingConsent.GrantedAsync(ids, ct);
        return found.Values.ToDictionary(u => u.Id, u =>
        {
            var prefs = preferences.GetValueOrDefault(u.Id) ?? NotificationPreferences.DefaultsFor(u.Id);
            var recipient = new Recipient(u.Id, u.Email, PhoneFormat.ToE164(u.Phone, settings.DefaultPhoneRegion), u.Locale, u.Timezone, prefs.ViberUserId,
                devices[u.Id].ToList(), u.IsActive);
            return new RecipientProfile(recipient, prefs, $"{u.FirstName} {u.LastName}".Trim(), u.FirstName, consenting.Contains(u.Id));
        });
    }

    public async Task<RecipientProfile?> FindAsync(Guid userId, CancellationToken ct) => (await LoadAsync([userId], ct)).GetValueOrDefault(userId);
}
