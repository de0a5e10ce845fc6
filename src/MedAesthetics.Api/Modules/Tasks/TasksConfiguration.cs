using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAesthetics.Api.Modules.Tasks;

public sealed class StaffTaskConfiguration : IEntityTypeConfiguration<StaffTask>
{
    public void Configure(EntityTypeBuilder<StaffTask> builder)
    {
        builder.ToTable("tasks", t => t.HasCheckConstraint("ck_tasks_completed", "(status = 'done') = (completed_at IS NOT NULL)"));
        builder.Property(t => t.Title).HasMaxLength(200);
        builder.Property(t => t.Type).HasSnakeCaseText(builder, "type");
        builder.Property(t => t.Status).HasSnakeCaseText(builder, "status");
        builder.Property(t => t.Priority).HasSnakeCaseText(builder, "priority");
        builder.Property(t => t.Notes).HasMaxLength(4000);
        builder.Property(t => t.RuleKey).HasMaxLength(120);
        builder.Property(t => t.Rule).HasMaxLength(60);
        builder.HasIndex(t => t.RuleKey).IsUnique().HasFilter("rule_key IS NOT NULL");
        builder.ReferencesUser(nameof(StaffTask.AssigneeId), DeleteBehavior.SetNull);
        builder.ReferencesUser(nameof(StaffTask.ClientId), DeleteBehavior.SetNull);
        builder.References(EntityReferences.Clinic, nameof(StaffTask.ClinicId), DeleteBehavior.SetNull);
        builder.HasIndex(t => new { t.AssigneeId, t.Status, t.DueAt });
        builder.HasIndex(t => new { t.Status, t.DueAt });
        builder.HasIndex(t => t.LeadId);
        builder.HasIndex(t => t.AppointmentId);
        builder.HasIndex(t => t.ClinicId);
        // A rule never makes a second open task (of its type) for one lead or appointment, whatever runs twice.
        builder.HasIndex(t => new { t.Rule, t.LeadId }).IsUnique().HasFilter("rule IS NOT NULL AND lead_id IS NOT NULL AND status IN ('open', 'in_progress')")
            .HasDatabaseName("ux_tasks_open_rule_lead");
        builder.HasIndex(t => new { t.Rule, t.AppointmentId }).IsUnique().HasFilter("rule IS NOT NULL AND appointment_id IS NOT NULL AND status IN ('open', 'in_progress')")
            .HasDatabaseName("ux_tasks_open_rule_appointment");
    }
}

public sealed class RepeatTreatmentCheckConfiguration : IEntityTypeConfiguration<RepeatTreatmentCheck>
{
    public void Configure(EntityTypeBuilder<RepeatTreatmentCheck> builder)
    {
        builder.ToTable("repeat_treatment_checks");
        builder.HasIndex(c => c.AppointmentId).IsUnique();
        builder.HasIndex(c => c.DueAt).HasFilter("checked_at IS NULL");
    }
}
