using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Hosting;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Clinics;

/// <summary>One clinic in Europe/Athens with three services, two doctors with working hours, a secretary and the demo salesperson's access.</summary>
public sealed class ClinicsDemoSeed(IUserDirectory users) : IDemoSeeder
{
    public const string ClinicName = "Aesthetica Athens";

    public int Order => 10;

    public async Task SeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Set<Clinic>().AnyAsync(c => c.Name == ClinicName, cancellationToken))
            return;
        async Task<Guid> Id(string email) => (await users.FindByEmailAsync(email, cancellationToken))?.Id
            ?? throw new InvalidOperationException($"Demo user {email} is missing; the Identity seed runs first.");

        var clinic = Clinic.Create(new ClinicDetails(ClinicName, "Europe/Athens", "Vasilissis Sofias 10, 106 74 Athens", "+30 210 000 0000", "hello@aesthetica.demo", "GR"));
        clinic.AssignOwner(await Id("owner@demo.local"));
        db.Set<Clinic>().Add(clinic);

        db.Set<Service>().AddRange(
            Service.Create(clinic.Id, new ServiceDetails("Botox (one area)", "injectables", 30, 250m, "EUR", 0, 10, null, 150)),
            Service.Create(clinic.Id, new ServiceDetails("Dermal fillers", "injectables", 45, 350m, "EUR", 0, 15, null, 300)),
            Service.Create(clinic.Id, new ServiceDetails("Laser hair removal", "laser", 60, 150m, "EUR", 10, 10, 200, null)));

        var doctor = await Id("doctor@demo.local");
        var doctor2 = await Id("doctor2@demo.local");
        db.Set<ClinicStaffMember>().AddRange(
            ClinicStaffMember.Create(clinic.Id, doctor, UserRole.Doctor),
            ClinicStaffMember.Create(clinic.Id, doctor2, UserRole.Doctor),
            ClinicStaffMember.Create(clinic.Id, await Id("secretary@demo.local"), UserRole.Secretariat));

        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Friday; day++)
        {
            db.Set<WorkingHours>().Add(WorkingHours.Create(clinic.Id, doctor, day, new LocalTime(9, 0), new LocalTime(13, 0)));
            db.Set<WorkingHours>().Add(WorkingHours.Create(clinic.Id, doctor, day, new LocalTime(14, 0), new LocalTime(18, 0)));
        }
        for (var day = IsoDayOfWeek.Tuesday; day <= IsoDayOfWeek.Saturday; day++)
            db.Set<WorkingHours>().Add(WorkingHours.Create(clinic.Id, doctor2, day, new LocalTime(10, 0), new LocalTime(18, 0)));

        db.Set<AgentClinicAccess>().Add(AgentClinicAccess.Grant(await Id("sales@demo.local"), clinic.Id));
        await db.SaveChangesAsync(cancellationToken);
    }
}
