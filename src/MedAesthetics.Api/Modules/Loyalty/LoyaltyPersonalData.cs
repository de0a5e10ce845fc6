using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Loyalty;

/// <summary>
/// GDPR "loyalty" section: the account and the whole ledger. Erasure keeps the balance and every ledger entry (the
/// clinic's books; they carry the client id and amounts only) and erases the referral code, the one value a person
/// hands around that leads to the account; the link to the referrer stays as the reason referral points were paid.
/// </summary>
public sealed class LoyaltyPersonalData(AppDbContext db) : IPersonalDataSource
{
    public string Section => "loyalty";

    public async Task<object> ExportAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        var account = await db.Set<LoyaltyAccount>().AsNoTracking().SingleOrDefaultAsync(a => a.ClientId == subject.UserId, cancellationToken);
        var entries = await db.Set<LoyaltyEntry>().AsNoTracking().Where(e => e.ClientId == subject.UserId).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var redemptions = await db.Set<LoyaltyRedemption>().AsNoTracking().Where(r => r.ClientId == subject.UserId).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
        return new
        {
            account = account is null ? null : new
            {
                account.Balance, account.LifetimePoints, tier = EnumColumns.ToText(account.Tier), account.ReferralCode, account.ReferredByClientId, account.CreatedAt,
            },
            entries = entries.Select(LoyaltyEntryResponse.From).ToList(),
            redemptions = redemptions.Select(r => new { transactionId = r.EntryId, r.Points, r.Discount, r.Currency, r.AppointmentId, r.CreatedAt }).ToList(),
        };
    }

    public Task EraseAsync(DataSubject subject, CancellationToken cancellationToken) =>
        db.Set<LoyaltyAccount>().Where(a => a.ClientId == subject.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ReferralCode, (string?)null), cancellationToken);
}
