using System.Net;
using System.Text.Json;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Booking;
using MedAesthetics.IntegrationTests.Crm;
using MedAesthetics.IntegrationTests.Infrastructure;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Tasks;

/// <summary>Every id a task refers to is checked against the caller's reach: outside it the answer is 404 and nothing is written.</summary>
public sealed class TaskReachTests(CrmApi api) : IClassFixture<CrmApi>
{
    private string Due => BookingWorld.Iso(api.Clock.GetCurrentInstant() + Duration.FromDays(1));

    private async Task<Guid> AppointmentAsync(BookingWorld world, int day)
    {
        var (clientId, _) = await world.NewClientAsync();
        var appointment = await (await world.StaffBookAsync(clientId, BookingWorld.At(2026, 3, day, 11))).ExpectAsync(HttpStatusCode.Created);
        return appointment.GetProperty("id").GetGuid();
    }

    private Task<int> TaskCountAsync() => api.WithDbAsync(db => Task.FromResult(db.Set<MedAesthetics.Api.Modules.Tasks.StaffTask>().Count()));

    [Fact]
    public async Task A_secretary_creates_tasks_only_on_appointments_of_its_own_clinic()
    {
        var clinicA = await BookingWorld.CreateAsync(api);
        var clinicB = await BookingWorld.CreateAsync(api);
        var appointmentOfA = await AppointmentAsync(clinicA, 4);
        var before = await TaskCountAsync();

        await (await api.Authorized(clinicB.SecretaryToken).PostJsonAsync("/tasks", new { title = "Call", type = "call", dueAt = Due, appointmentId = appointmentOfA }))
            .ExpectAsync(HttpStatusCode.NotFound);
        await (await api.Authorized(clinicB.SecretaryToken).PostJsonAsync("/tasks", new { title = "Call", type = "call", dueAt = Due, appointmentId = Guid.NewGuid() }))
            .ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await TaskCountAsync());

        var own = await (await api.Authorized(clinicA.SecretaryToken).PostJsonAsync("/tasks", new { title = "Call", type = "call", dueAt = Due, appointmentId = appointmentOfA }))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(appointmentOfA, own.GetProperty("appointmentId").GetGuid());
        Assert.Equal(clinicA.ClinicId, own.GetProperty("clinicId").GetGuid());
    }

    [Fact]
    public async Task A_salesperson_assigns_tasks_only_to_staff_of_clinics_it_reaches()
    {
        var clinicA = await BookingWorld.CreateAsync(api);
        var clinicB = await BookingWorld.CreateAsync(api);
        var (salesId, sales) = await api.StaffAsync(UserRole.Salesperson);
        await api.GrantAsync(clinicA.AdminToken, salesId, clinicA.ClinicId);
        var before = await TaskCountAsync();

        await (await api.Authorized(sales).PostJsonAsync("/tasks", new { title = "Check", type = "other", dueAt = Due, assigneeId = clinicB.DoctorId }))
            .ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await TaskCountAsync());
        var doctorOfB = await (await api.Authorized(clinicB.DoctorToken).GetAsync("/tasks?pageSize=100")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, doctorOfB.GetProperty("total").GetInt32());

        var task = await (await api.Authorized(sales).PostJsonAsync("/tasks", new { title = "Check", type = "other", dueAt = Due, assigneeId = clinicA.DoctorId }))
            .ExpectAsync(HttpStatusCode.Created);
        await (await api.Authorized(sales).PatchJsonAsync($"/tasks/{task.GetProperty("id").GetGuid()}", new { assigneeId = clinicB.DoctorId }))
            .ExpectAsync(HttpStatusCode.NotFound);
        var unchanged = await (await api.Authorized(sales).GetAsync("/tasks?pageSize=100")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(clinicA.DoctorId, unchanged.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == task.GetProperty("id").GetGuid())
            .GetProperty("assigneeId").GetGuid());
    }

    [Fact]
    public async Task Unknown_client_or_clinic_ids_answer_404_instead_of_a_foreign_key_error()
    {
        var (_, admin) = await api.StaffAsync(UserRole.Admin);
        var before = await TaskCountAsync();

        await (await api.Authorized(admin).PostJsonAsync("/tasks", new { title = "X", type = "call", dueAt = Due, clientId = Guid.NewGuid() }))
            .ExpectAsync(HttpStatusCode.NotFound);
        await (await api.Authorized(admin).PostJsonAsync("/tasks", new { title = "X", type = "call", dueAt = Due, clinicId = Guid.NewGuid() }))
            .ExpectAsync(HttpStatusCode.NotFound);
        await (await api.Authorized(admin).PostJsonAsync("/tasks", new { title = "X", type = "call", dueAt = Due, appointmentId = Guid.NewGuid() }))
            .ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await TaskCountAsync());
    }
}
