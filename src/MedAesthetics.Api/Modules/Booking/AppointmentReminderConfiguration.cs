using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAesthetics.Api.Modules.Booking;

public sealed class AppointmentReminderConfiguration : IEntityTypeConfiguration<AppointmentReminder>
{
    public void Configure(EntityTypeBuilder<AppointmentReminder> builder)
    {
        builder.ToTable("appointment_reminders", t => t.HasCheckConstraint("ck_appointment_reminders_hours", "hours_before > 0"));
        builder.Property(r => r.Status).HasSnakeCaseText(builder, "status");
        builder.HasOne<Appointment>().WithMany().HasForeignKey(r => r.AppointmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.AppointmentId, r.HoursBefore }).IsUnique();
        builder.HasIndex(r => r.DueAt).HasFilter("status = 'pending'");
    }
}
