using MedAesthetics.Client;
using RootClient = MedAesthetics.Client.Client;
using MedAesthetics.IntegrationTests.Booking;
using MedAesthetics.IntegrationTests.Infrastructure;

namespace MedAesthetics.IntegrationTests.Contract;

/// <summary>
/// A client generated at build time from the OpenAPI document (NSwag, see the test project file) runs the main flows
/// against the API through its typed methods only: if the document stops describing the wire, this breaks.
/// </summary>
public sealed class GeneratedClientFlowTests(BookingApi api) : IClassFixture<BookingApi>
{
    [Fact]
    public async Task A_generated_client_registers_books_reschedules_and_cancels_and_staff_move_a_lead()
    {
        var world = await BookingWorld.CreateAsync(api);
        var email = Http.UniqueEmail("generated");

        var anonymous = api.CreateClient();
        var registered = await new AuthClient(anonymous).RegisterAsync(new RegisterRequest
        {
            Email = email, Password = Http.Password, FirstName = "Maria", LastName = "Georgiou", AcceptTerms = true,
        });
        Assert.Equal(email, registered.User.Email);
        var tokens = await new AuthClient(anonymous).LoginAsync(new LoginRequest { Email = email, Password = Http.Password });
        var signedIn = api.Authorized(tokens.AccessToken);

        var root = new RootClient(signedIn);
        var clinics = await root.ClinicsGetAsync(pageSize: 100);
        Assert.Contains(clinics.Items, c => c.Id == world.ClinicId);
        var services = await new ClinicsClient(signedIn).ServicesGetAsync(world.ClinicId);
        var service = Assert.Single(services.Items, s => s.Id == world.LongServiceId);
        Assert.Equal(120.00, service.Price.Amount);

        var availability = await root.AvailabilityAsync(world.ClinicId, service.Id, new DateOnly(2026, 3, 4));
        var slot = availability.Slots.First(s => s.ProviderId == world.DoctorId);
        Assert.Equal(TimeSpan.Zero, slot.Start.Offset);

        var appointments = new AppointmentsClient(signedIn);
        var hold = await appointments.HoldAsync(new HoldRequest
        {
            ClinicId = world.ClinicId, ServiceId = service.Id, ProviderId = slot.ProviderId, Start = slot.Start,
        });
        Assert.True(hold.ExpiresAt > slot.Start.AddDays(-30));
        var booked = await root.AppointmentsPostAsync(new BookRequest { HoldId = hold.HoldId });
        Assert.Equal(AppointmentStatus.Confirmed, booked.Status);
        Assert.Equal(slot.Start, booked.Start);

        var moved = await appointments.RescheduleAsync(booked.Id, new RescheduleRequest { Start = booked.Start.AddDays(7) });
        Assert.Equal(booked.Start.AddDays(7), moved.Start);
        var cancelled = await appointments.CancelAsync(booked.Id, new CancelRequest { Reason = "changed my mind" });
        Assert.Equal(AppointmentStatus.Cancelled, cancelled.Status);
        Assert.Equal("changed my mind", cancelled.CancellationReason);

        var problem = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() => root.AppointmentsPostAsync(new BookRequest { HoldId = hold.HoldId }));
        Assert.Equal(409, problem.StatusCode);
        Assert.Equal(409, problem.Result.Status);

        var crm = new CrmClient(api.Authorized(world.AdminToken));
        var lead = await crm.LeadsPostAsync(new CreateLeadRequest
        {
            FirstName = "Eleni", LastName = "Papadaki", Email = Http.UniqueEmail("eleni"), Source = LeadSource.Instagram, ClinicId = world.ClinicId,
        });
        Assert.Equal(LeadStatus.New, lead.Status);
        var found = await crm.LeadsGetAsync(q: "Papadaki", clinicId: world.ClinicId);
        Assert.Contains(found.Items, l => l.Id == lead.Id);
        var contacted = await crm.LeadsPatchAsync(lead.Id, new UpdateLeadRequest { Status = LeadStatus.Contacted });
        Assert.Equal(LeadStatus.Contacted, contacted.Status);
        Assert.True(contacted.UpdatedAt >= lead.CreatedAt);
    }
}
