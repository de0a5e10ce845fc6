using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAesthetics.Api.Modules.Notifications;

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public const string UnreadIndex = "ix_notifications_unread";

    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.ReferencesUser(nameof(Notification.UserId), DeleteBehavior.Cascade);
        builder.Property(n => n.Type).HasMaxLength(40);
        builder.Property(n => n.Title).HasMaxLength(200);
        builder.Property(n => n.Body).HasMaxLength(2000);
        builder.Property(n => n.Data).HasColumnType("jsonb");
        builder.Property(n => n.SourceKey).HasMaxLength(200);
        builder.HasIndex(n => new { n.UserId, n.SourceKey }).IsUnique();
        // The inbox page: a user's visible entries, newest first.
        builder.HasIndex(n => new { n.UserId, n.CreatedAt }).HasFilter("visible").IsDescending(false, true);
        // The unread count is an index-only scan of this partial index.
        builder.HasIndex(n => n.UserId).HasFilter("read_at IS NULL AND visible").HasDatabaseName(UnreadIndex);
        builder.HasIndex(n => n.CreatedAt);
    }
}

public sealed class NotificationDeliveryConfiguration : IEntityTypeConfiguration<NotificationDelivery>
{
    public void Configure(EntityTypeBuilder<NotificationDelivery> builder)
    {
        builder.ToTable("notification_deliveries");
        builder.HasOne<Notification>().WithMany().HasForeignKey(d => d.NotificationId).OnDelete(DeleteBehavior.Cascade);
        builder.ReferencesUser(nameof(NotificationDelivery.UserId), DeleteBehavior.Cascade);
        builder.Property(d => d.Channel).HasSnakeCaseText(builder, "channel");
        builder.Property(d => d.Status).HasSnakeCaseText(builder, "status");
        builder.Property(d => d.Reason).HasMaxLength(500);
        // One attempt record per channel of a notification: a repeated plan adds nothing.
        builder.HasIndex(d => new { d.NotificationId, d.Channel }).IsUnique();
        builder.HasIndex(d => d.NextAttemptAt).HasFilter("status = 'queued'");
        builder.HasIndex(d => new { d.Status, d.Channel, d.CreatedAt });
        builder.HasIndex(d => d.UserId);
        builder.ToTable(t => t.HasCheckConstraint("ck_notification_deliveries_attempts", "attempts BETWEEN 0 AND 3"));
    }
}

public sealed class NotificationDeviceConfiguration : IEntityTypeConfiguration<NotificationDevice>
{
    public void Configure(EntityTypeBuilder<NotificationDevice> builder)
    {
        builder.ToTable("notification_devices");
        builder.ReferencesUser(nameof(NotificationDevice.UserId), DeleteBehavior.Cascade);
        builder.Property(d => d.Token).HasMaxLength(4096);
        builder.HasIndex(d => d.Token).IsUnique();
        builder.HasIndex(d => d.UserId);
        builder.Property(d => d.Platform).HasSnakeCaseText(builder, "platform");
    }
}

public sealed class NotificationPreferencesConfiguration : IEntityTypeConfiguration<NotificationPreferences>
{
    public void Configure(EntityTypeBuilder<NotificationPreferences> builder)
    {
        builder.ToTable("notification_preferences");
        builder.ReferencesUser(nameof(NotificationPreferences.UserId), DeleteBehavior.Cascade);
        builder.HasIndex(p => p.UserId).IsUnique();
        builder.Property(p => p.ViberUserId).HasMaxLength(100);
        builder.ToTable(t => t.HasCheckConstraint("ck_notification_preferences_quiet_hours", "(quiet_start IS NULL) = (quiet_end IS NULL)"));
    }
}
