using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Hosting;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Identity;

/// <summary>One demo user per role (docs/rules.md), password DemoPass!2026. Development only; safe to run twice.</summary>
public sealed class IdentityDemoSeed(AuthService auth) : IDemoSeeder
{
    public static readonly (string Email, UserRole Role, string FirstName, string LastName)[] Users =
    [
        ("admin@demo.local", UserRole.Admin, "Alexandra", "Admin"),
        ("owner@demo.local", UserRole.ClinicOwner, "Olga", "Owner"),
        ("doctor@demo.local", UserRole.Doctor, "Dimitris", "Papadopoulos"),
        ("doctor2@demo.local", UserRole.Doctor, "Eleni", "Konstantinou"),
        ("secretary@demo.local", UserRole.Secretariat, "Sofia", "Secretary"),
        ("sales@demo.local", UserRole.Salesperson, "Stelios", "Sales"),
        ("client@demo.local", UserRole.Client, "Chloe", "Client"),
    ];

    public int Order => 0;

    public async Task SeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        foreach (var (email, role, firstName, lastName) in Users)
        {
            if (await db.Set<User>().AnyAsync(u => u.Email == email, cancellationToken))
                continue;
            var outcome = await auth.CreateUserAsync(
                new NewUser(email, firstName, lastName, role, null, "Europe/Athens", "en", TermsAcceptedAt: db.Clock.GetCurrentInstant()),
                DemoData.Password, cancellationToken);
            if (!outcome.Succeeded)
                throw new InvalidOperationException($"Seeding {email} failed: {outcome.Error!.Detail}");
        }
    }
}
