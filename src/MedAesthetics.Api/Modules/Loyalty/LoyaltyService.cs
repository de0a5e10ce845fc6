using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Loyalty;

/// <summary>
/// Redemptions and admin adjustments, one transaction each with the client's account locked: concurrent redemptions
/// queue on the lock and each sees the balance the previous one left, so none overdraws.
/// </summary>
public sealed class LoyaltyService(
    AppDbContext db, LoyaltyLedger ledger, LoyaltyAccess access, IBookingDirectory bookings, IPlatformSettings platformSettings, IClock clock)
{
    public const string DiscountCurrency = "EUR";

    private IQueryable<LoyaltyRedemption> Redemptions => db.Set<LoyaltyRedemption>();

    public async Task<Outcome<RedemptionResponse>> RedeemAsync(RedeemRequest request, string? idempotencyKey, AccessScope scope, CancellationToken ct)
    {
        if (IdempotencyKeys.Problem(idempotencyKey) is { } keyProblem)
            return Error.Invalid(IdempotencyKeys.Header, keyProblem);
        var key = idempotencyKey!.Trim();
        var clientId = request.ClientId!.Value;
        var points = request.Points!.Value;
        if (await access.CheckAsync(clientId, scope, LoyaltyUse.Spend, ct) is { } denied)
            return denied;
        if (await ReplayAsync(scope.Caller.UserId, key, request, ct) is { } earlier)
            return earlier;

        var settings = await platformSettings.GetAsync(ct);
        if (LoyaltyRules.RedemptionProblem(points, settings.MinRedemptionPoints, settings.RedemptionStepPoints) is { } why)
            return Error.Invalid("points", why);
        Guid? clinicId = null;
        if (request.AppointmentId is { } appointmentId)
        {
            var appointment = await bookings.FindAppointmentAsync(appointmentId, ct);
            if (appointment is null || appointment.ClientId != clientId || (scope.Caller.IsStaff && !scope.CanReachClinic(appointment.ClinicId)))
                return Error.NotFound("The client has no such appointment.");
            if (appointment.Status != "confirmed" || appointment.Start <= clock.GetCurrentInstant())
                return Error.Invalid("appointmentId", "Points are redeemed against one of the client's upcoming confirmed appointments.");
            clinicId = appointment.ClinicId;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var account = await ledger.LockAsync(clientId, ct);
        // A retry that waited for the first attempt's lock finds its answer now.
        if (await ReplayAsync(scope.Caller.UserId, key, request, ct) is { } raced)
            return raced;
        await ledger.ExpireDueAsync(account, ct);
        var discount = LoyaltyRules.DiscountFor(points, settings.RedemptionValuePer100Points);
        var entry = await ledger.DebitAsync(account, LoyaltyEntryType.Redeem, points,
            new LedgerNote($"Redeemed for {discount:0.00} {DiscountCurrency} discount", request.AppointmentId, clinicId, CreatedBy: scope.Caller.UserId), ct);
        if (entry is null)
            return Error.Conflict($"The balance is {account.Balance} points; {points} cannot be redeemed.");
        var redemption = LoyaltyRedemption.Of(scope.Caller.UserId, key, request.Fingerprint, entry, points, discount, DiscountCurrency);
        db.Set<LoyaltyRedemption>().Add(redemption);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The same key raced in for another client's account; it won, and this attempt spends nothing.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return await ReplayAsync(scope.Caller.UserId, key, request, ct) ?? Error.Conflict("A concurrent request used this Idempotency-Key; retry.");
        }
        await transaction.CommitAsync(ct);
        return RedemptionResponse.From(redemption);
    }

    public async Task<Outcome<LoyaltyEntryResponse>> AdjustAsync(Guid clientId, AdjustmentRequest request, AccessScope scope, CancellationToken ct)
    {
        if (await access.CheckAsync(clientId, scope, LoyaltyUse.Spend, ct) is { } denied)
            return denied;
        var settings = await platformSettings.GetAsync(ct);
        var points = request.Points!.Value;
        var note = new LedgerNote(request.Reason!.Trim(), CreatedBy: scope.Caller.UserId);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var account = await ledger.LockAsync(clientId, ct);
        await ledger.ExpireDueAsync(account, ct);
        var entry = points > 0
            ? await ledger.CreditAsync(account, LoyaltyEntryType.Adjust, points, settings.PointsValidityMonths, note, ct)
            : await ledger.DebitAsync(account, LoyaltyEntryType.Adjust, -points, note, ct);
        if (entry is null)
            return Error.Conflict($"The balance is {account.Balance} points; an adjustment never takes it below zero.");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return LoyaltyEntryResponse.From(entry);
    }

    private async Task<Outcome<RedemptionResponse>?> ReplayAsync(Guid callerId, string key, RedeemRequest request, CancellationToken ct)
    {
        var earlier = await Redemptions.AsNoTracking().SingleOrDefaultAsync(r => r.RequestedBy == callerId && r.IdempotencyKey == key, ct);
        if (earlier is null)
            return null;
        return earlier.RequestFingerprint == request.Fingerprint
            ? RedemptionResponse.From(earlier)
            : Error.Unprocessable($"This {IdempotencyKeys.Header} was used for a different redemption; use a new key for a new request.");
    }
}
