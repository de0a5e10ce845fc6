using System.Net;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Crm;
using MedAesthetics.IntegrationTests.Infrastructure;

namespace MedAesthetics.IntegrationTests.Concurrency;

public sealed class LeadPipelineRaceTests(CrmApi api) : IClassFixture<CrmApi>
{
    /// <summary>
    /// From booked a lead may go to converted or to lost, and neither of those to the other: of two concurrent moves exactly one
    /// wins and the other is refused with 409, because the row is locked for the whole transaction that checks the move.
    /// </summary>
    [Fact]
    public async Task Of_two_concurrent_moves_of_one_lead_exactly_one_wins()
    {
        var (_, admin) = await api.StaffAsync(UserRole.Admin);
        var http = api.Authorized(admin);
        for (var round = 0; round < 8; round++)
        {
            var lead = await api.LeadAsync(new { firstName = $"Race{round}", email = CrmApi.UniqueEmail(), source = "phone" });
            var id = lead.GetProperty("id").GetGuid();
            foreach (var status in new[] { "contacted", "qualified", "booked" })
                await (await http.PatchJsonAsync($"/crm/leads/{id}", new { status })).ExpectAsync(HttpStatusCode.OK);

            var answers = await Task.WhenAll(
                api.Authorized(admin).PatchJsonAsync($"/crm/leads/{id}", new { status = "converted" }),
                api.Authorized(admin).PatchJsonAsync($"/crm/leads/{id}", new { status = "lost" }));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
            var detail = await (await http.GetAsync($"/crm/leads/{id}")).ExpectAsync(HttpStatusCode.OK);
            var movesFromBooked = detail.GetProperty("history").EnumerateArray().Count(h => h.GetProperty("from").GetString() == "booked");
            Assert.Equal(1, movesFromBooked);
        }
    }
}
