using System.Net;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Infrastructure;

namespace MedAesthetics.IntegrationTests.Webhooks;

/// <summary>Who manages which endpoints: admins all, clinic owners those of their clinics (anything else is 404), other roles none (403).</summary>
public sealed class WebhookAccessTests(WebhooksApi api) : IClassFixture<WebhooksApi>, IAsyncLifetime
{
    private string _admin = "";

    public async Task InitializeAsync() => (_, _admin) = await api.SignedInAsync(UserRole.Admin);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_clinic_owner_can_neither_register_nor_see_another_clinics_endpoint()
    {
        var (clinicA, _, ownerA) = await api.ClinicAsync(_admin);
        var (clinicB, _, ownerB) = await api.ClinicAsync(_admin);
        var url = api.Answer("/access", 200);
        var theirs = (await api.RegisterAsync(ownerB, url, ["lead.created"], clinicB)).GetProperty("id").GetGuid();
        var mine = (await api.RegisterAsync(ownerA, url, ["lead.created"], clinicA)).GetProperty("id").GetGuid();
        var asA = api.Authorized(ownerA);

        await (await asA.PostJsonAsync("/admin/webhooks", new { url, eventTypes = new[] { "lead.created" }, clinicId = clinicB })).ExpectAsync(HttpStatusCode.NotFound);
        await (await asA.PostJsonAsync("/admin/webhooks", new { url, eventTypes = new[] { "lead.created" }, clinicId = Guid.NewGuid() })).ExpectAsync(HttpStatusCode.NotFound);
        await (await asA.GetAsync($"/admin/webhooks/{theirs}")).ExpectAsync(HttpStatusCode.NotFound);
        await (await asA.GetAsync($"/admin/webhooks/{theirs}/deliveries")).ExpectAsync(HttpStatusCode.NotFound);
        await (await asA.PostAsync($"/admin/webhooks/{theirs}/enable", null)).ExpectAsync(HttpStatusCode.NotFound);
        await (await asA.DeleteAsync($"/admin/webhooks/{theirs}")).ExpectAsync(HttpStatusCode.NotFound);
        var listed = await (await asA.GetAsync("/admin/webhooks")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([mine], listed.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
        Assert.Equal(0, (await (await asA.GetAsync($"/admin/webhooks?clinicId={clinicB}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32());

        // Still there for its own owner and for admins.
        await (await api.Authorized(ownerB).GetAsync($"/admin/webhooks/{theirs}")).ExpectAsync(HttpStatusCode.OK);
        var all = await (await api.Authorized(_admin).GetAsync($"/admin/webhooks?clinicId={clinicB}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(theirs, all.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task A_clinic_owner_must_name_its_clinic_and_an_admin_may_register_for_all_clinics()
    {
        var (_, _, owner) = await api.ClinicAsync(_admin);
        var url = api.Answer("/all", 200);
        var refused = await (await api.Authorized(owner).PostJsonAsync("/admin/webhooks", new { url, eventTypes = new[] { "lead.created" } }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("clinicId", out _));

        var created = await api.RegisterAsync(_admin, url, ["loyalty.tier_changed"], null);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, created.GetProperty("clinicId").ValueKind);
        await (await api.Authorized(owner).GetAsync($"/admin/webhooks/{created.GetProperty("id").GetGuid()}")).ExpectAsync(HttpStatusCode.NotFound);
        await (await api.Authorized(_admin).DeleteAsync($"/admin/webhooks/{created.GetProperty("id").GetGuid()}")).ExpectAsync(HttpStatusCode.NoContent);
    }

    [Theory]
    [InlineData(UserRole.Client)]
    [InlineData(UserRole.Doctor)]
    [InlineData(UserRole.Salesperson)]
    public async Task Other_roles_are_forbidden(UserRole role)
    {
        var (clinicId, _, _) = await api.ClinicAsync(_admin);
        var (_, token) = await api.SignedInAsync(role);
        var caller = api.Authorized(token);

        await (await caller.PostJsonAsync("/admin/webhooks", new { url = api.ReceiverUrl("/x"), eventTypes = new[] { "lead.created" }, clinicId }))
            .ExpectAsync(HttpStatusCode.Forbidden);
        await (await caller.GetAsync("/admin/webhooks")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await api.CreateClient().GetAsync("/admin/webhooks")).ExpectAsync(HttpStatusCode.Unauthorized);
    }
}
