using System.Net;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Crm;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.IntegrationTests.Clinics;

/// <summary>
/// Each node remembers which clinics a member of staff reaches (ClinicMembershipCache). Two nodes over one database: the
/// first checks the membership version only after its own changes (Clinics:MembershipRefreshMilliseconds ten minutes),
/// so it passes only if a grant or revocation it made drops what it remembers; the second checks on every request
/// (0), so it shows the version the database triggers bump, also for a change made in SQL.
/// </summary>
public sealed class MembershipCacheTests()
    : TwoNodes(new CrmApi().With("Clinics:MembershipRefreshMilliseconds", "600000"),
        new ApiFactory().With("JWT_EXPIRATION", "400d").With("Clinics:MembershipRefreshMilliseconds", "0"))
{
    private async Task<(HttpStatusCode First, HttpStatusCode Second)> ReachAsync(string token, Guid clinicId) =>
        ((await First.Authorized(token).GetAsync($"/clinics/{clinicId}/blocked-slots")).StatusCode,
         (await Second.Authorized(token).GetAsync($"/clinics/{clinicId}/blocked-slots")).StatusCode);

    private async Task<(CrmApi Api, string Admin, Guid Clinic, Guid SalespersonId, string Salesperson)> WorldAsync()
    {
        var api = (CrmApi)First;
        var (_, admin) = await First.SignedInAsync(UserRole.Admin);
        var clinic = await api.NewClinicAsync(admin);
        var (salespersonId, salesperson) = await First.SignedInAsync(UserRole.Salesperson);
        return (api, admin, clinic, salespersonId, salesperson);
    }

    [Fact]
    public async Task A_grant_and_a_revocation_count_in_the_next_request_on_the_node_that_made_them_and_on_another()
    {
        var (api, admin, clinic, salespersonId, salesperson) = await WorldAsync();

        // Both nodes now remember that the salesperson reaches no clinic.
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), await ReachAsync(salesperson, clinic));

        await api.GrantAsync(admin, salespersonId, clinic);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), await ReachAsync(salesperson, clinic));

        await (await First.Authorized(admin).DeleteAsync($"/admin/agent-clinic-access/{salespersonId}/{clinic}")).ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), await ReachAsync(salesperson, clinic));
    }

    [Fact]
    public async Task A_change_made_in_sql_is_seen_through_the_version_the_triggers_bump()
    {
        var (api, admin, clinic, salespersonId, salesperson) = await WorldAsync();
        await api.GrantAsync(admin, salespersonId, clinic);
        Assert.Equal(HttpStatusCode.OK, (await ReachAsync(salesperson, clinic)).Second);

        await First.WithDbAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM agent_clinic_access WHERE agent_user_id = {salespersonId}"));
        Assert.Equal(HttpStatusCode.NotFound, (await ReachAsync(salesperson, clinic)).Second);
    }
}
