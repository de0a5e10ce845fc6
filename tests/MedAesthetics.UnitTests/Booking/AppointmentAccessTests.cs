using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Modules.Booking;
using MedAesthetics.Api.Platform.Auth;
using NodaTime;

namespace MedAesthetics.UnitTests.Booking;

/// <summary>The appointment access rule evaluated in memory: the same expression filters the SQL of the appointment list.</summary>
public sealed class AppointmentAccessTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 5, 10, 8, 0);
    private static readonly Guid ClinicA = Guid.NewGuid();

    private static AccessScope Scope(UserRole role, Guid me, params Guid[] clinics) =>
        new(new Caller(me, role, Guid.NewGuid()), clinics.ToHashSet(), new HashSet<Guid>(), new HashSet<Guid>());

    private static Appointment Booked(Guid clinicId, Guid clientId) =>
        Appointment.Book(BookingSlot.For(new ServiceInfo(Guid.NewGuid(), clinicId, "Botox", 30, 250m, "EUR", 0, 0, null, null), Guid.NewGuid(), Start),
            clientId, Guid.NewGuid(), null, null, Start - Duration.FromDays(3));

    [Fact]
    public void A_client_sees_its_own_appointments_only()
    {
        var me = Guid.NewGuid();

        Assert.True(Scope(UserRole.Client, me).CanSee(Booked(ClinicA, me)));
        Assert.False(Scope(UserRole.Client, me).CanSee(Booked(ClinicA, Guid.NewGuid())));
    }

    [Fact]
    public void Staff_see_the_appointments_of_the_clinics_they_reach()
    {
        var secretary = Scope(UserRole.Secretariat, Guid.NewGuid(), ClinicA);

        Assert.True(secretary.CanSee(Booked(ClinicA, Guid.NewGuid())));
        Assert.False(secretary.CanSee(Booked(Guid.NewGuid(), Guid.NewGuid())));
        Assert.True(Scope(UserRole.Admin, Guid.NewGuid()).CanSee(Booked(Guid.NewGuid(), Guid.NewGuid())));
    }

    [Fact]
    public void A_hold_is_not_an_appointment_to_anyone()
    {
        var me = Guid.NewGuid();
        var hold = Appointment.Hold(BookingSlot.For(new ServiceInfo(Guid.NewGuid(), ClinicA, "Botox", 30, 250m, "EUR", 0, 0, null, null), Guid.NewGuid(), Start),
            me, me, Start);

        Assert.False(Scope(UserRole.Admin, Guid.NewGuid()).CanSee(hold));
        Assert.False(Scope(UserRole.Client, me).CanSee(hold));
    }
}
