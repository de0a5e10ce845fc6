using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAesthetics.Api.Modules.Booking;

public sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.ToTable("appointments", t =>
        {
            t.HasCheckConstraint("ck_appointments_service_order", "start < \"end\"");
            t.HasCheckConstraint("ck_appointments_occupied_order", "occupied_from <= start AND occupied_to >= \"end\"");
            t.HasCheckConstraint("ck_appointments_hold_expiry", "status <> 'held' OR hold_expires_at IS NOT NULL");
            t.HasCheckConstraint("ck_appointments_client", "status IN ('held', 'expired') OR client_id IS NOT NULL");
            t.HasCheckConstraint("ck_appointments_price", "price >= 0 AND (amount_paid IS NULL OR amount_paid >= 0)");
        });
        builder.Property(a => a.Status).HasSnakeCaseText(builder, "status");
        builder.Property(a => a.Price).HasPrecision(12, 2);
        builder.Property(a => a.AmountPaid).HasPrecision(12, 2);
        builder.Property(a => a.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(a => a.Notes).HasMaxLength(2000);
        builder.Property(a => a.CancellationReason).HasMaxLength(500);
        builder.References(EntityReferences.Clinic, nameof(Appointment.ClinicId), DeleteBehavior.Restrict);
        builder.References(EntityReferences.Service, nameof(Appointment.ServiceId), DeleteBehavior.Restrict);
        builder.ReferencesUser(nameof(Appointment.ProviderId), DeleteBehavior.Restrict);
        builder.ReferencesUser(nameof(Appointment.ClientId), DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.ClinicId, a.Start });
        builder.HasIndex(a => new { a.ProviderId, a.Start });
        builder.HasIndex(a => new { a.ClientId, a.Start });
        builder.HasIndex(a => a.SeriesId);
        // A client's live holds, counted under its advisory lock on every hold it asks for (the live-hold limit). The one
        // index of live holds (the minutely expiry reads it too): with a second one, by expiry alone, the count's plan
        // could take that one and read every client's live holds (BookingService.LiveHoldCountSql).
        builder.HasIndex(a => new { a.CreatedBy, a.HoldExpiresAt }).HasFilter("status = 'held'");
        // The no-overlap exclusion constraint over tstzrange(occupied_from, occupied_to) is written by hand in the migration.
    }
}
