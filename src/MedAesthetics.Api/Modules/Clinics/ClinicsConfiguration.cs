using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAesthetics.Api.Modules.Clinics;

public sealed class ClinicConfiguration : IEntityTypeConfiguration<Clinic>
{
    public void Configure(EntityTypeBuilder<Clinic> builder)
    {
        builder.ToTable("clinics");
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Timezone).HasMaxLength(64);
        builder.Property(c => c.Address).HasMaxLength(500);
        builder.Property(c => c.Phone).HasMaxLength(32);
        builder.Property(c => c.Email).HasMaxLength(254);
        builder.Property(c => c.CountryCode).HasMaxLength(2).IsFixedLength();
        builder.ReferencesUser(nameof(Clinic.OwnerId), DeleteBehavior.SetNull);
        builder.HasIndex(c => c.OwnerId);
    }
}

public sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> builder)
    {
        builder.ToTable("services", t =>
        {
            t.HasCheckConstraint("ck_services_duration", "duration_minutes BETWEEN 5 AND 480 AND duration_minutes % 5 = 0");
            t.HasCheckConstraint("ck_services_buffers", "buffer_before_minutes BETWEEN 0 AND 120 AND buffer_after_minutes BETWEEN 0 AND 120");
            t.HasCheckConstraint("ck_services_price", "price >= 0");
            t.HasCheckConstraint("ck_services_loyalty_points", "loyalty_points IS NULL OR loyalty_points >= 0");
            t.HasCheckConstraint("ck_services_repeat_after_days", "repeat_after_days IS NULL OR repeat_after_days > 0");
        });
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Category).HasMaxLength(100);
        builder.Property(s => s.Price).HasPrecision(12, 2);
        builder.Property(s => s.Currency).HasMaxLength(3).IsFixedLength();
        builder.HasOne<Clinic>().WithMany().HasForeignKey(s => s.ClinicId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.ClinicId);
    }
}

public sealed class ClinicStaffMemberConfiguration : IEntityTypeConfiguration<ClinicStaffMember>
{
    public void Configure(EntityTypeBuilder<ClinicStaffMember> builder)
    {
        builder.ToTable("clinic_staff", t => t.HasCheckConstraint("ck_clinic_staff_role", "role IN ('doctor', 'secretariat')"));
        builder.Property(s => s.Role).HasConversion(r => EnumColumns.ToText(r), t => EnumColumns.FromText<Platform.Auth.UserRole>(t)).HasMaxLength(40);
        builder.HasOne<Clinic>().WithMany().HasForeignKey(s => s.ClinicId).OnDelete(DeleteBehavior.Cascade);
        builder.ReferencesUser(nameof(ClinicStaffMember.UserId), DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.ClinicId, s.UserId }).IsUnique();
        builder.HasIndex(s => s.UserId);
    }
}

public sealed class ProviderServiceConfiguration : IEntityTypeConfiguration<ProviderService>
{
    public void Configure(EntityTypeBuilder<ProviderService> builder)
    {
        builder.ToTable("provider_services");
        builder.HasKey(p => new { p.ProviderId, p.ServiceId });
        builder.HasOne<Service>().WithMany().HasForeignKey(p => p.ServiceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Clinic>().WithMany().HasForeignKey(p => p.ClinicId).OnDelete(DeleteBehavior.Cascade);
        builder.ReferencesUser(nameof(ProviderService.ProviderId), DeleteBehavior.Cascade);
        builder.HasIndex(p => p.ServiceId);
        builder.HasIndex(p => p.ClinicId);
    }
}

public sealed class WorkingHoursConfiguration : IEntityTypeConfiguration<WorkingHours>
{
    public void Configure(EntityTypeBuilder<WorkingHours> builder)
    {
        builder.ToTable("working_hours", t =>
        {
            t.HasCheckConstraint("ck_working_hours_day", "day_of_week BETWEEN 1 AND 7");
            t.HasCheckConstraint("ck_working_hours_order", "start_time < end_time");
        });
        builder.Property(w => w.DayOfWeek).HasConversion<int>();
        builder.HasOne<Clinic>().WithMany().HasForeignKey(w => w.ClinicId).OnDelete(DeleteBehavior.Cascade);
        builder.ReferencesUser(nameof(WorkingHours.ProviderId), DeleteBehavior.Cascade);
        builder.HasIndex(w => new { w.ClinicId, w.ProviderId, w.DayOfWeek });
        builder.HasIndex(w => w.ProviderId);
    }
}

public sealed class BlockedSlotConfiguration : IEntityTypeConfiguration<BlockedSlot>
{
    public void Configure(EntityTypeBuilder<BlockedSlot> builder)
    {
        builder.ToTable("blocked_slots", t => t.HasCheckConstraint("ck_blocked_slots_order", "start < \"end\""));
        builder.Property(b => b.Reason).HasMaxLength(500);
        builder.HasOne<Clinic>().WithMany().HasForeignKey(b => b.ClinicId).OnDelete(DeleteBehavior.Cascade);
        builder.ReferencesUser(nameof(BlockedSlot.ProviderId), DeleteBehavior.Cascade);
        builder.HasIndex(b => new { b.ClinicId, b.Start, b.End });
        builder.HasIndex(b => b.ProviderId);
    }
}

public sealed class AgentClinicAccessConfiguration : IEntityTypeConfiguration<AgentClinicAccess>
{
    public void Configure(EntityTypeBuilder<AgentClinicAccess> builder)
    {
        builder.ToTable("agent_clinic_access");
        builder.HasOne<Clinic>().WithMany().HasForeignKey(a => a.ClinicId).OnDelete(DeleteBehavior.Cascade);
        builder.ReferencesUser(nameof(AgentClinicAccess.AgentUserId), DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.AgentUserId, a.ClinicId }).IsUnique();
        builder.HasIndex(a => a.AgentUserId);
        builder.HasIndex(a => a.ClinicId);
    }
}
