using System.Net;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Booking;
using MedAesthetics.IntegrationTests.Infrastructure;

namespace MedAesthetics.IntegrationTests.Clinics;

/// <summary>Writes and lists under a clinic stay inside the caller's reach, and a clinic that does not exist is 404 for everyone.</summary>
public sealed class ClinicReachTests(BookingApi api) : IClassFixture<BookingApi>
{
    [Fact]
    public async Task An_owner_cannot_add_another_clinics_doctor_to_its_staff_but_the_admin_can()
    {
        var clinicA = await BookingWorld.CreateAsync(api);
        var clinicB = await BookingWorld.CreateAsync(api);

        await (await api.Authorized(clinicB.OwnerToken).PostJsonAsync($"/clinics/{clinicB.ClinicId}/staff", new { userId = clinicA.DoctorId, role = "doctor" }))
            .ExpectAsync(HttpStatusCode.NotFound);
        var staffOfB = await (await api.Authorized(clinicB.OwnerToken).GetAsync($"/clinics/{clinicB.ClinicId}/staff")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(staffOfB.EnumerateArray(), s => s.GetProperty("userId").GetGuid() == clinicA.DoctorId);

        var (freshDoctor, _) = await api.SignedInAsync(UserRole.Doctor);
        await (await api.Authorized(clinicB.OwnerToken).PostJsonAsync($"/clinics/{clinicB.ClinicId}/staff", new { userId = freshDoctor, role = "doctor" }))
            .ExpectAsync(HttpStatusCode.Created);
        await (await api.Authorized(clinicB.AdminToken).PostJsonAsync($"/clinics/{clinicB.ClinicId}/staff", new { userId = clinicA.DoctorId, role = "doctor" }))
            .ExpectAsync(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("staff")]
    [InlineData("blocked-slots")]
    [InlineData("services")]
    [InlineData("providers")]
    public async Task A_list_under_a_clinic_that_does_not_exist_is_404_even_for_the_admin(string list)
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);

        await (await api.Authorized(admin).GetAsync($"/clinics/{Guid.NewGuid()}/{list}")).ExpectAsync(HttpStatusCode.NotFound);
    }
}
