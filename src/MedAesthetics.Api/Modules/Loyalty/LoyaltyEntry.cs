using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Loyalty;

public enum LoyaltyEntryType
{
    Earn,
    Redeem,
    Expire,
    Adjust,
}

/// <summary>
/// One line of the append-only ledger. Credits (earn, positive adjust) are lots: they remember when they expire and how
/// much of them is left; debits (redeem, expire, negative adjust) take points from the oldest lots. Only Remaining (down)
/// and NoticeSentAt ever change after the insert, which a trigger enforces.
/// </summary>
public sealed class LoyaltyEntry : Entity
{
    private LoyaltyEntry() { }

    public Guid ClientId { get; private set; }
    /// <summary>1, 2, 3... per client: the ledger's order, unique per client.</summary>
    public long Sequence { get; private set; }
    public LoyaltyEntryType Type { get; private set; }
    /// <summary>Signed: positive for credits, negative for debits.</summary>
    public int Points { get; private set; }
    public long BalanceAfter { get; private set; }
    public string? Reason { get; private set; }
    public Guid? AppointmentId { get; private set; }
    /// <summary>The clinic the points were earned or redeemed at (for reports by clinic); an expiry carries its lot's.</summary>
    public Guid? ClinicId { get; private set; }
    /// <summary>Lots only.</summary>
    public Instant? ExpiresAt { get; private set; }
    /// <summary>Lots only: the points of this lot not yet spent or expired.</summary>
    public int? Remaining { get; private set; }
    /// <summary>Expire entries: the lot that expired.</summary>
    public Guid? LotId { get; private set; }
    /// <summary>What made the entry, unique: an appointment earns once, a referral pays once, a lot expires once.</summary>
    public string? SourceKey { get; private set; }
    public Guid? CreatedBy { get; private set; }
    /// <summary>Lots only: when the client was told the lot expires soon.</summary>
    public Instant? NoticeSentAt { get; private set; }

    public bool IsLot => Remaining is not null;

    internal static LoyaltyEntry Lot(LoyaltyAccount account, LoyaltyEntryType type, int points, Instant expiresAt, LedgerNote note) =>
        new LoyaltyEntry { Type = type, Points = points, ExpiresAt = expiresAt, Remaining = points }.Fill(account, note);

    internal static LoyaltyEntry Debit(LoyaltyAccount account, LoyaltyEntryType type, int points, LedgerNote note, Guid? lotId = null) =>
        new LoyaltyEntry { Type = type, Points = -points, LotId = lotId }.Fill(account, note);

    internal void Draw(int points)
    {
        if (Remaining is not { } left || points > left)
            throw new InvalidOperationException($"Lot {Id} has {Remaining} points left, not {points}.");
        Remaining = left - points;
    }

    internal void MarkNoticeSent(Instant now) => NoticeSentAt = now;

    internal LotBalance AsLot() => new(Id, Sequence, ExpiresAt!.Value, Points, Remaining!.Value);

    private LoyaltyEntry Fill(LoyaltyAccount account, LedgerNote note)
    {
        ClientId = account.ClientId;
        Sequence = account.NextSequence();
        BalanceAfter = account.Balance;
        Reason = note.Reason;
        AppointmentId = note.AppointmentId;
        ClinicId = note.ClinicId;
        SourceKey = note.SourceKey;
        CreatedBy = note.CreatedBy;
        return this;
    }
}

/// <summary>Why an entry is written and what it points to.</summary>
public sealed record LedgerNote(string? Reason, Guid? AppointmentId = null, Guid? ClinicId = null, string? SourceKey = null, Guid? CreatedBy = null);
