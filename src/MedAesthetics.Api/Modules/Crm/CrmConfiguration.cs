using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAesthetics.Api.Modules.Crm;

public sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> builder)
    {
        builder.ToTable("leads", t => t.HasCheckConstraint("ck_leads_contact", "email IS NOT NULL OR phone IS NOT NULL OR deleted_at IS NOT NULL OR first_name = 'Erased'"));
        builder.Property(l => l.FirstName).HasMaxLength(100);
        builder.Property(l => l.LastName).HasMaxLength(100);
        builder.Property(l => l.Email).HasColumnType("citext").HasMaxLength(254);
        builder.Property(l => l.Phone).HasMaxLength(20);
        builder.Property(l => l.Source).HasSnakeCaseText(builder, "source");
        builder.Property(l => l.Status).HasSnakeCaseText(builder, "status");
        builder.Property(l => l.Notes).HasMaxLength(4000);
        builder.Property(l => l.Tags).HasColumnType("text[]");
        builder.Property(l => l.ExternalId).HasMaxLength(100);
        builder.Property(l => l.SearchText)
            .HasComputedColumnSql("lower(first_name || ' ' || coalesce(last_name, '') || ' ' || coalesce(email::text, '') || ' ' || coalesce(phone, '') || ' ' || regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g'))", stored: true);
        builder.References(EntityReferences.Clinic, nameof(Lead.ClinicId), DeleteBehavior.SetNull);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(l => l.CampaignId).OnDelete(DeleteBehavior.SetNull);
        builder.ReferencesUser(nameof(Lead.AssignedToId), DeleteBehavior.SetNull);
        builder.HasOne<Lead>().WithMany().HasForeignKey(l => l.DuplicateOfId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(l => l.Email);
        builder.HasIndex(l => l.Phone);
        // Every lead query carries the soft-delete filter, so the list indexes cover only live rows (bench/README.md).
        const string Live = "deleted_at IS NULL";
        builder.HasIndex(l => new { l.Status, l.CreatedAt }).HasFilter(Live);
        builder.HasIndex(l => new { l.Status, l.StatusChangedAt }).HasFilter(Live);
        builder.HasIndex(l => new { l.AssignedToId, l.Status }).HasFilter(Live);
        builder.HasIndex(l => new { l.AssignedToId, l.AssignedAt }).HasFilter(Live);
        builder.HasIndex(l => l.AssignedToId).HasFilter("deleted_at IS NULL AND status IN ('new', 'contacted', 'qualified', 'booked')")
            .HasDatabaseName("ix_leads_open_by_assignee");
        builder.HasIndex(l => new { l.ClinicId, l.CreatedAt }).HasFilter(Live);
        builder.HasIndex(l => new { l.CampaignId, l.CreatedAt }).HasFilter(Live);
        builder.HasIndex(l => l.CreatedAt).HasFilter(Live);
        builder.HasIndex(l => l.Tags).HasMethod("gin");
        builder.HasIndex(l => l.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.HasIndex(l => new { l.Source, l.ExternalId }).IsUnique().HasFilter("external_id IS NOT NULL");
    }
}

public sealed class LeadStatusChangeConfiguration : IEntityTypeConfiguration<LeadStatusChange>
{
    public void Configure(EntityTypeBuilder<LeadStatusChange> builder)
    {
        builder.ToTable("lead_status_history");
        builder.Property(h => h.FromStatus).HasConversion(s => s == null ? null : EnumColumns.ToText(s.Value), t => t == null ? null : EnumColumns.FromText<LeadStatus>(t)).HasMaxLength(40);
        builder.Property(h => h.ToStatus).HasConversion(s => EnumColumns.ToText(s), t => EnumColumns.FromText<LeadStatus>(t)).HasMaxLength(40);
        builder.Property(h => h.Reason).HasMaxLength(500);
        builder.HasOne<Lead>().WithMany().HasForeignKey(h => h.LeadId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(h => new { h.LeadId, h.CreatedAt });
    }
}

public sealed class LeadAppointmentConfiguration : IEntityTypeConfiguration<LeadAppointment>
{
    public void Configure(EntityTypeBuilder<LeadAppointment> builder)
    {
        builder.ToTable("lead_appointments");
        builder.Property(a => a.AmountPaid).HasPrecision(12, 2);
        builder.Property(a => a.Currency).HasMaxLength(3).IsFixedLength();
        builder.HasOne<Lead>().WithMany().HasForeignKey(a => a.LeadId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.LeadId, a.AppointmentId }).IsUnique();
        builder.HasIndex(a => a.AppointmentId);
    }
}

public sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> builder)
    {
        builder.ToTable("tags");
        builder.Property(t => t.Name).HasColumnType("citext").HasMaxLength(50);
        builder.Property(t => t.Color).HasMaxLength(7);
        builder.HasIndex(t => t.Name).IsUnique();
    }
}

public sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.ToTable("ad_campaigns", t =>
        {
            t.HasCheckConstraint("ck_ad_campaigns_budget", "budget IS NULL OR budget >= 0");
            t.HasCheckConstraint("ck_ad_campaigns_dates", "starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on");
        });
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Channel).HasSnakeCaseText(builder, "channel");
        builder.Property(c => c.Budget).HasPrecision(12, 2);
        builder.Property(c => c.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(c => c.FacebookFormIds).HasColumnType("text[]").HasDefaultValueSql("'{}'");
        builder.Property(c => c.FacebookAdIds).HasColumnType("text[]").HasDefaultValueSql("'{}'");
        builder.References(EntityReferences.Clinic, nameof(Campaign.ClinicId), DeleteBehavior.SetNull);
        builder.ReferencesUser(nameof(Campaign.OwnerAgentId), DeleteBehavior.SetNull);
        builder.HasIndex(c => c.OwnerAgentId);
        builder.HasIndex(c => c.ClinicId);
    }
}

public sealed class SpendLogConfiguration : IEntityTypeConfiguration<SpendLog>
{
    public void Configure(EntityTypeBuilder<SpendLog> builder)
    {
        builder.ToTable("ad_spend_logs", t => t.HasCheckConstraint("ck_ad_spend_logs_amount", "amount >= 0"));
        builder.Property(s => s.Amount).HasPrecision(12, 2);
        builder.Property(s => s.Currency).HasMaxLength(3).IsFixedLength();
        builder.HasOne<Campaign>().WithMany().HasForeignKey(s => s.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.ReferencesUser(nameof(SpendLog.LoggedBy), DeleteBehavior.SetNull);
        builder.HasIndex(s => new { s.CampaignId, s.SpentOn });
    }
}

public sealed class FacebookLeadgenConfiguration : IEntityTypeConfiguration<FacebookLeadgen>
{
    public void Configure(EntityTypeBuilder<FacebookLeadgen> builder)
    {
        builder.ToTable("facebook_leadgens", t => t.HasCheckConstraint("ck_facebook_leadgens_attempts", "attempts >= 0"));
        foreach (var id in new[] { nameof(FacebookLeadgen.LeadgenId), nameof(FacebookLeadgen.PageId), nameof(FacebookLeadgen.FormId), nameof(FacebookLeadgen.AdId), nameof(FacebookLeadgen.AdgroupId) })
            builder.Property(id).HasMaxLength(LeadWebhooks.MaxFacebookIdLength);
        builder.Property(l => l.Status).HasSnakeCaseText(builder, "status");
        builder.Property(l => l.Reason).HasMaxLength(500);
        builder.References(EntityReferences.Clinic, nameof(FacebookLeadgen.ClinicId), DeleteBehavior.SetNull);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(l => l.CampaignId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Lead>().WithMany().HasForeignKey(l => l.LeadId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(l => l.LeadgenId).IsUnique();
        builder.HasIndex(l => l.NextAttemptAt).HasFilter("status = 'pending'");
        builder.HasIndex(l => l.LeadId);
    }
}
