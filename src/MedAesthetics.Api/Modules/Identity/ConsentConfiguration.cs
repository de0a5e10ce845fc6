using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAesthetics.Api.Modules.Identity;

public sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> builder)
    {
        builder.ToTable("user_consents");
        builder.Property(c => c.Type).HasSnakeCaseText(builder, "type");
        builder.Property(c => c.Version).HasMaxLength(40);
        builder.Property(c => c.IpAddress).HasMaxLength(64);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.UserId, c.Type, c.RecordedAt });
    }
}
