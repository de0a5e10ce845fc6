using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAesthetics.Api.Contracts;

/// <summary>
/// Foreign keys across modules, declared by entity name so that one module's entities need not know another's
/// classes: the database keeps referential integrity while the code stays apart.
/// </summary>
public static class EntityReferences
{
    private static readonly string Modules = typeof(EntityReferences).Namespace!.Replace(".Contracts", ".Modules");

    public static readonly string User = $"{Modules}.Identity.User";
    public static readonly string Clinic = $"{Modules}.Clinics.Clinic";
    public static readonly string Service = $"{Modules}.Clinics.Service";

    public static void References<T>(this EntityTypeBuilder<T> builder, string entity, string property, DeleteBehavior onDelete) where T : class =>
        builder.HasOne(entity, null).WithMany().HasForeignKey(property).OnDelete(onDelete);

    public static void ReferencesUser<T>(this EntityTypeBuilder<T> builder, string property, DeleteBehavior onDelete) where T : class =>
        builder.References(User, property, onDelete);
}
