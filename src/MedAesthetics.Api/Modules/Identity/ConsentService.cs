using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Identity;

/// <summary>Consent records: each decision is a new row (history is kept); the latest per type is in force.</summary>
public sealed class ConsentService(AppDbContext db, ChangeActor actor, IClock clock) : IMarketingConsent
{
    public async Task<IReadOnlySet<Guid>> GrantedAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
            return new HashSet<Guid>();
        var ids = userIds.Distinct().ToArray();
        // The latest decision per user (DISTINCT ON over the (user_id, type, recorded_at) index), kept when it is a grant.
        var latest = await db.Database.SqlQuery<Guid>($"""
            SELECT user_id AS "Value" FROM (
                SELECT DISTINCT ON (user_id) user_id, granted FROM user_consents
                WHERE type = 'marketing' AND user_id = ANY({ids})
                ORDER BY user_id, recorded_at DESC, id DESC) latest
            WHERE granted
            """).ToListAsync(cancellationToken);
        return latest.ToHashSet();
    }

    public void Record(Guid userId, bool granted) => Add(userId, ConsentType.Marketing, Consent.CurrentVersion, granted);

    public async Task<ConsentsResponse> ListAsync(Guid userId, CancellationToken cancellationToken)
    {
        var history = await db.Set<Consent>().AsNoTracking().Where(c => c.UserId == userId)
            .OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id).ToListAsync(cancellationToken);
        var inForce = history.GroupBy(c => c.Type).Select(g => g.First()).OrderBy(c => c.Type).Select(ConsentResponse.From).ToList();
        return new ConsentsResponse(inForce, history.Select(ConsentResponse.From).ToList());
    }

    public async Task<ConsentResponse> RecordAsync(Guid userId, ConsentType type, string version, bool granted, CancellationToken cancellationToken)
    {
        var consent = Add(userId, type, version, granted);
        await db.SaveChangesAsync(cancellationToken);
        return ConsentResponse.From(consent);
    }

    /// <summary>Registration accepts the current terms and privacy policy, and marketing when the person said yes; saved with the new user.</summary>
    public void AddRegistrationConsents(Guid userId, bool marketing)
    {
        Add(userId, ConsentType.Terms, Consent.CurrentVersion, true);
        Add(userId, ConsentType.Privacy, Consent.CurrentVersion, true);
        if (marketing)
            Add(userId, ConsentType.Marketing, Consent.CurrentVersion, true);
    }

    private Consent Add(Guid userId, ConsentType type, string version, bool granted)
    {
        var consent = Consent.Record(userId, type, version, granted, clock.GetCurrentInstant(), actor.IpAddress);
        db.Set<Consent>().Add(consent);
        return consent;
    }
}
