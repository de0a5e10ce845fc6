using CsCheck;
using MedAesthetics.Api.Modules.Loyalty;
using NodaTime;

namespace MedAesthetics.UnitTests.Loyalty;

/// <summary>
/// Random sequences of earn, redeem, adjust (up and down) and time passing with expiry, run through the ledger's own
/// steps: after every step the balance equals the sum of the entries and is never negative, every balanceAfter is the
/// running sum, every lot's remainder lies within 0..points, the lots hold exactly the balance, and a later lot is
/// touched only once every earlier one is empty (oldest first).
/// </summary>
public sealed class LedgerPropertyTests
{
    private enum Move { Earn, Redeem, AdjustUp, AdjustDown, TimePasses }

    private sealed record Step(Move Move, int Points, int Days);

    private static readonly Gen<Step> StepGen = Gen.Select(Gen.Enum<Move>(), Gen.Int[1, 900], Gen.Int[1, 200], (m, p, d) => new Step(m, p, d));

    [Fact]
    public void Any_sequence_of_ledger_moves_keeps_the_balance_equal_to_the_entries_and_the_lots_within_bounds()
    {
        StepGen.Array[0, 80].Sample(steps =>
        {
            var account = LoyaltyAccount.Open(Guid.NewGuid(), "TESTCODE");
            var entries = new List<LoyaltyEntry>();
            var now = Instant.FromUtc(2026, 1, 1, 0, 0);
            var note = new LedgerNote("property");
            foreach (var step in steps)
            {
                var lots = entries.Where(e => e.IsLot).ToList();
                switch (step.Move)
                {
                    case Move.Earn:
                        entries.Add(LedgerSteps.Credit(account, LoyaltyEntryType.Earn, step.Points, LoyaltyRules.LotExpiry(now, 12), note));
                        break;
                    case Move.AdjustUp:
                        entries.Add(LedgerSteps.Credit(account, LoyaltyEntryType.Adjust, step.Points, LoyaltyRules.LotExpiry(now, 12), note));
                        break;
                    case Move.Redeem:
                    case Move.AdjustDown:
                        var points = step.Move == Move.Redeem ? (step.Points + 99) / 100 * 100 : step.Points;
                        var before = account.Balance;
                        var type = step.Move == Move.Redeem ? LoyaltyEntryType.Redeem : LoyaltyEntryType.Adjust;
                        var debit = LedgerSteps.Debit(account, lots, type, points, note);
                        Assert.Equal(points > before, debit is null);
                        if (debit is not null)
                            entries.Add(debit);
                        else
                            Assert.Equal(before, account.Balance);
                        break;
                    case Move.TimePasses:
                        now += Duration.FromDays(step.Days);
                        entries.AddRange(LedgerSteps.ExpireDue(account, lots, now));
                        Assert.DoesNotContain(entries, e => e.IsLot && e.Remaining > 0 && e.ExpiresAt <= now);
                        break;
                }
                AssertInvariants(account, entries);
            }
        }, iter: 400);
    }

    private static void AssertInvariants(LoyaltyAccount account, List<LoyaltyEntry> entries)
    {
        long running = 0;
        foreach (var entry in entries)
        {
            running += entry.Points;
            Assert.Equal(running, entry.BalanceAfter);
            Assert.True(entry.BalanceAfter >= 0);
        }
        Assert.Equal(running, account.Balance);
        Assert.True(account.Balance >= 0);
        var lots = entries.Where(e => e.IsLot).OrderBy(e => e.Sequence).ToList();
        Assert.All(lots, l => Assert.InRange(l.Remaining!.Value, 0, l.Points));
        Assert.Equal(account.Balance, lots.Sum(l => (long)l.Remaining!.Value));
        // Oldest first: once a lot has been drawn on, every older lot is empty.
        for (var i = 0; i < lots.Count; i++)
            if (lots[i].Remaining < lots[i].Points)
                Assert.All(lots.Take(i), older => Assert.Equal(0, older.Remaining));
        Assert.Equal(entries.Select(e => e.Sequence), Enumerable.Range(1, entries.Count).Select(n => (long)n));
    }
}
