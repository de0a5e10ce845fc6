using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAesthetics.Api.Modules.Audit;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_logs", t => t.HasCheckConstraint("ck_audit_logs_action", "action IN ('create', 'update', 'delete', 'erase')"));
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Actor).HasMaxLength(120);
        builder.Property(a => a.Action).HasMaxLength(20);
        builder.Property(a => a.EntityType).HasMaxLength(80);
        builder.Property(a => a.Changes).HasColumnType("jsonb");
        builder.Property(a => a.IpAddress).HasMaxLength(64);
        builder.Property(a => a.TraceId).HasMaxLength(64);
        builder.HasIndex(a => a.OccurredAt);
        builder.HasIndex(a => new { a.EntityType, a.EntityId, a.OccurredAt });
        builder.HasIndex(a => new { a.ActorId, a.OccurredAt });
        builder.HasIndex(a => new { a.ClinicId, a.OccurredAt });
        builder.HasIndex(a => a.SubjectId);
    }
}
