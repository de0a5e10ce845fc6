using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAesthetics.Api.Modules.Loyalty;

public sealed class LoyaltyAccountConfiguration : IEntityTypeConfiguration<LoyaltyAccount>
{
    public void Configure(EntityTypeBuilder<LoyaltyAccount> builder)
    {
        builder.ToTable("loyalty_accounts", t =>
        {
            t.HasCheckConstraint("ck_loyalty_accounts_balance", "balance >= 0");
            t.HasCheckConstraint("ck_loyalty_accounts_lifetime_points", "lifetime_points >= 0");
            t.HasCheckConstraint("ck_loyalty_accounts_entry_count", "entry_count >= 0");
        });
        builder.Property(a => a.Tier).HasSnakeCaseText(builder, "tier");
        builder.Property(a => a.ReferralCode).HasMaxLength(16);
        builder.HasIndex(a => a.ClientId).IsUnique();
        builder.HasIndex(a => a.ReferralCode).IsUnique();
        builder.HasIndex(a => a.ReferredByClientId);
        builder.ReferencesUser(nameof(LoyaltyAccount.ClientId), DeleteBehavior.Restrict);
        builder.ReferencesUser(nameof(LoyaltyAccount.ReferredByClientId), DeleteBehavior.Restrict);
    }
}

public sealed class LoyaltyEntryConfiguration : IEntityTypeConfiguration<LoyaltyEntry>
{
    public void Configure(EntityTypeBuilder<LoyaltyEntry> builder)
    {
        builder.ToTable("loyalty_entries", t =>
        {
            t.HasCheckConstraint("ck_loyalty_entries_sign",
                "(type = 'earn' AND points > 0) OR (type IN ('redeem', 'expire') AND points < 0) OR (type = 'adjust' AND points <> 0)");
            t.HasCheckConstraint("ck_loyalty_entries_balance_after", "balance_after >= 0");
            // Credits are lots (an expiry and what is left of them); debits are not.
            t.HasCheckConstraint("ck_loyalty_entries_lot", "(points > 0) = (remaining IS NOT NULL) AND (remaining IS NULL) = (expires_at IS NULL)");
            t.HasCheckConstraint("ck_loyalty_entries_remaining", "remaining IS NULL OR (remaining >= 0 AND remaining <= points)");
            t.HasCheckConstraint("ck_loyalty_entries_expire_lot", "(type = 'expire') = (lot_id IS NOT NULL)");
        });
        builder.Property(e => e.Type).HasSnakeCaseText(builder, "type");
        builder.Property(e => e.Reason).HasMaxLength(500);
        builder.Property(e => e.SourceKey).HasMaxLength(120);
        builder.HasIndex(e => new { e.ClientId, e.Sequence }).IsUnique();
        builder.HasIndex(e => e.SourceKey).IsUnique().HasFilter("source_key IS NOT NULL");
        builder.HasIndex(e => new { e.ClientId, e.ExpiresAt }).HasFilter("remaining > 0").HasDatabaseName("ix_loyalty_entries_open_lots");
        builder.HasIndex(e => e.ExpiresAt).HasFilter("remaining > 0").HasDatabaseName("ix_loyalty_entries_lots_by_expiry");
        builder.HasIndex(e => new { e.CreatedAt, e.Type });
        builder.HasIndex(e => e.AppointmentId);
        builder.ReferencesUser(nameof(LoyaltyEntry.ClientId), DeleteBehavior.Restrict);
        builder.HasOne<LoyaltyEntry>().WithMany().HasForeignKey(e => e.LotId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class LoyaltyRedemptionConfiguration : IEntityTypeConfiguration<LoyaltyRedemption>
{
    public void Configure(EntityTypeBuilder<LoyaltyRedemption> builder)
    {
        builder.ToTable("loyalty_redemptions", t => t.HasCheckConstraint("ck_loyalty_redemptions_points", "points > 0 AND discount >= 0"));
        builder.Property(r => r.IdempotencyKey).HasMaxLength(200);
        builder.Property(r => r.RequestFingerprint).HasMaxLength(200);
        builder.Property(r => r.Discount).HasColumnType("numeric(12,2)");
        builder.Property(r => r.Currency).HasMaxLength(3);
        builder.HasIndex(r => new { r.RequestedBy, r.IdempotencyKey }).IsUnique();
        builder.HasIndex(r => r.ClientId);
        builder.HasOne<LoyaltyEntry>().WithMany().HasForeignKey(r => r.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.ReferencesUser(nameof(LoyaltyRedemption.ClientId), DeleteBehavior.Restrict);
    }
}
