using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Loyalty;

/// <summary>
/// Points for completed appointments and referral bonuses. Runs inside the outbox handler's transaction; the account
/// lock makes a second handler of the same appointment (a redelivery, another node) wait and then find the entry, and
/// the unique source key is the database's last word.
/// </summary>
public sealed class LoyaltyEarning(AppDbContext db, LoyaltyLedger ledger, IClinicDirectory clinics, IPlatformSettings platformSettings)
{
    public static string AppointmentKey(Guid appointmentId) => $"appointment:{appointmentId}";
    public static string ReferredKey(Guid referredId) => $"referral:{referredId}:referred";
    public static string ReferrerKey(Guid referredId) => $"referral:{referredId}:referrer";

    public async Task EarnForAppointmentAsync(AppointmentFacts appointment, decimal amountPaid, CancellationToken ct)
    {
        var clientId = appointment.ClientId;
        if (clientId == Guid.Empty)
            return;
        var settings = await platformSettings.GetAsync(ct);
        await ledger.EnsureAccountAsync(clientId, ct);
        var referrerId = await db.Set<LoyaltyAccount>().Where(a => a.ClientId == clientId).Select(a => a.ReferredByClientId).SingleAsync(ct);
        var accounts = await ledger.LockAsync(referrerId is { } r ? [clientId, r] : [clientId], ct);
        var account = accounts[clientId];

        if (!await ledger.HasEntryAsync(AppointmentKey(appointment.AppointmentId), ct))
        {
            var service = await clinics.FindServiceAsync(appointment.ServiceId, ct);
            var points = LoyaltyRules.PointsForAppointment(amountPaid, service?.LoyaltyPoints, account.Tier);
            if (points > 0)
                await ledger.CreditAsync(account, LoyaltyEntryType.Earn, points, settings.PointsValidityMonths,
                    new LedgerNote(service is null ? "Completed appointment" : $"Completed appointment: {service.Name}",
                        appointment.AppointmentId, appointment.ClinicId, AppointmentKey(appointment.AppointmentId)), ct);
        }

        // The first completed appointment of a referred client pays both sides once; the source keys make it once.
        if (referrerId is { } referrer && settings.ReferralBonusPoints > 0 && !await ledger.HasEntryAsync(ReferredKey(clientId), ct))
        {
            await ledger.CreditAsync(account, LoyaltyEntryType.Earn, settings.ReferralBonusPoints, settings.PointsValidityMonths,
                new LedgerNote("Referral bonus: first completed appointment", appointment.AppointmentId, appointment.ClinicId, ReferredKey(clientId)), ct);
            await ledger.CreditAsync(accounts[referrer], LoyaltyEntryType.Earn, settings.ReferralBonusPoints, settings.PointsValidityMonths,
                new LedgerNote("Referral bonus: a client you referred completed a first appointment", null, appointment.ClinicId, ReferrerKey(clientId)), ct);
        }
    }

    /// <summary>Opens the new client's account and links it to the referrer whose code it registered with.</summary>
    public async Task OpenAccountAsync(Guid clientId, string? referralCode, CancellationToken ct)
    {
        var account = await ledger.LockAsync(clientId, ct);
        if (string.IsNullOrWhiteSpace(referralCode))
            return;
        var code = LoyaltyLedger.NormalizeCode(referralCode);
        var referrer = await db.Set<LoyaltyAccount>().Where(a => a.ReferralCode == code).Select(a => (Guid?)a.ClientId).SingleOrDefaultAsync(ct);
        if (referrer is { } referrerId)
            account.ReferredBy(referrerId);
    }
}
