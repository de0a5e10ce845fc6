using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Platform.Hosting;

/// <summary>The app's one-shot commands: `migrate`, `seed-demo` (Development only) and `create-admin --email E --password P`.</summary>
public static class Commands
{
    public static readonly string[] Names = ["migrate", "seed-demo", "create-admin"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Names.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Commands");
        try
        {
            switch (args[0])
            {
                case "migrate":
                    await services.GetRequiredService<AppDbContext>().Database.MigrateAsync();
                    log.LogInformation("Database migrated");
                    return 0;
                case "seed-demo":
                    if (!app.Environment.IsDevelopment())
                    {
                        Console.Error.WriteLine("seed-demo runs only with ASPNETCORE_ENVIRONMENT=Development: production never gets demo users.");
                        return 2;
                    }
                    var db = services.GetRequiredService<AppDbContext>();
                    foreach (var seeder in services.GetServices<IDemoSeeder>().OrderBy(s => s.Order))
                        await seeder.SeedAsync(db, CancellationToken.None);
                    log.LogInformation("Demo data seeded");
                    return 0;
                case "create-admin":
                    var email = Option(args, "--email") ?? Environment.GetEnvironmentVariable("ADMIN_EMAIL");
                    var password = Option(args, "--password") ?? Environment.GetEnvironmentVariable("ADMIN_PASSWORD");
                    if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
                    {
                        Console.Error.WriteLine("usage: create-admin --email E --password P [--first-name F --last-name L] (or ADMIN_EMAIL / ADMIN_PASSWORD)");
                        return 2;
                    }
                    var creator = services.GetRequiredService<IAdminCreator>();
                    var error = await creator.CreateAdminAsync(email, password, Option(args, "--first-name") ?? "Platform", Option(args, "--last-name") ?? "Admin", CancellationToken.None);
                    if (error is not null)
                    {
                        Console.Error.WriteLine(error);
                        return 1;
                    }
                    Console.WriteLine($"Admin {email} created.");
                    return 0;
                default:
                    return 2;
            }
        }
        catch (Exception e)
        {
            log.LogCritical(e, "Command {Command} failed", args[0]);
            return 1;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}

/// <summary>Creates the first admin for a production install; the Identity module implements it.</summary>
public interface IAdminCreator
{
    /// <returns>null on success, else what was wrong.</returns>
    Task<string?> CreateAdminAsync(string email, string password, string firstName, string lastName, CancellationToken cancellationToken);
}
