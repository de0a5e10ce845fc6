using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAesthetics.Api.Modules.Webhooks;

public sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("webhook_endpoints", t =>
        {
            t.HasCheckConstraint("ck_webhook_endpoints_event_types", "cardinality(event_types) > 0");
            t.HasCheckConstraint("ck_webhook_endpoints_secret", $"char_length(secret) >= {WebhookSigner.MinSecretLength}");
            t.HasCheckConstraint("ck_webhook_endpoints_disabled", "(disabled_at IS NULL) = (disabled_reason IS NULL)");
        });
        builder.Property(e => e.Url).HasMaxLength(WebhookUrlPolicy.MaxUrlLength);
        builder.Property(e => e.Secret).HasMaxLength(WebhookSigner.MaxSecretLength);
        builder.Property(e => e.DisabledReason).HasMaxLength(500);
        builder.Ignore(e => e.Enabled);
        builder.References(EntityReferences.Clinic, nameof(WebhookEndpoint.ClinicId), DeleteBehavior.Cascade);
        builder.ReferencesUser(nameof(WebhookEndpoint.OwnerId), DeleteBehavior.Restrict);
        builder.HasIndex(e => e.ClinicId);
        builder.HasIndex(e => e.OwnerId);
    }
}

public sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries", t => t.HasCheckConstraint("ck_webhook_deliveries_attempts",
            $"attempts BETWEEN 0 AND {WebhookDelivery.MaxAttempts}"));
        builder.Property(d => d.Status).HasSnakeCaseText(builder, "status");
        builder.Property(d => d.EventType).HasMaxLength(40);
        builder.Property(d => d.Payload).HasColumnType("text");
        builder.Property(d => d.LastError).HasMaxLength(1000);
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        // One delivery per endpoint and event: a redelivered event adds nothing.
        builder.HasIndex(d => new { d.EndpointId, d.EventId }).IsUnique();
        builder.HasIndex(d => new { d.EndpointId, d.CreatedAt }).IsDescending(false, true);
        builder.HasIndex(d => d.NextAttemptAt).HasFilter("status = 'pending'");
    }
}

public sealed class WebhookDeliveryAttemptConfiguration : IEntityTypeConfiguration<WebhookDeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookDeliveryAttempt> builder)
    {
        builder.ToTable("webhook_delivery_attempts", t => t.HasCheckConstraint("ck_webhook_delivery_attempts_number",
            $"number BETWEEN 1 AND {WebhookDelivery.MaxAttempts}"));
        builder.Property(a => a.Error).HasMaxLength(1000);
        builder.Property(a => a.ResponseBody).HasMaxLength(WebhookDeliveryAttempt.MaxResponseChars);
        builder.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.DeliveryId, a.Number }).IsUnique();
    }
}
