using MedAesthetics.Api.Platform.Persistence;

namespace MedAesthetics.Api.Platform.Hosting;

/// <summary>Each module seeds its own part of the demo data of docs/rules.md; seeders run in Order and must be idempotent.</summary>
public interface IDemoSeeder
{
    int Order { get; }
    Task SeedAsync(AppDbContext db, CancellationToken cancellationToken);
}

public static class DemoData
{
    public const string Password = "DemoPass!2026";
}
