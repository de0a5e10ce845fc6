using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Loyalty;

/// <summary>What the Loyalty module answers other modules: referral codes (Identity) and period figures (Admin reports).</summary>
public sealed class LoyaltyDirectory(AppDbContext db) : IReferralCodes, ILoyaltyFigures
{
    public Task<bool> ExistsAsync(string referralCode, CancellationToken cancellationToken)
    {
        var code = LoyaltyLedger.NormalizeCode(referralCode);
        return db.Set<LoyaltyAccount>().AnyAsync(a => a.ReferralCode == code, cancellationToken);
    }

    public async Task<LoyaltyFigures> ForPeriodAsync(Instant from, Instant to, Guid? clinicId, CancellationToken cancellationToken)
    {
        var entries = db.Set<LoyaltyEntry>().AsNoTracking().Where(e => e.CreatedAt >= from && e.CreatedAt < to);
        if (clinicId is { } clinic)
            entries = entries.Where(e => e.ClinicId == clinic);
        var sums = await entries
            .GroupBy(e => 1)
            .Select(g => new
            {
                Issued = g.Sum(e => e.Points > 0 ? (long)e.Points : 0),
                Redeemed = g.Sum(e => e.Type == LoyaltyEntryType.Redeem ? -(long)e.Points : 0),
                Expired = g.Sum(e => e.Type == LoyaltyEntryType.Expire ? -(long)e.Points : 0),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return sums is null ? new LoyaltyFigures(0, 0, 0) : new LoyaltyFigures(sums.Issued, sums.Redeemed, sums.Expired);
    }
}
