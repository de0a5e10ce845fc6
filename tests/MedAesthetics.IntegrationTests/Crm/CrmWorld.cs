using System.Net;
using System.Text.Json;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Infrastructure;

namespace MedAesthetics.IntegrationTests.Crm;

public sealed class CrmApi : ApiFactory
{
    public const string WebhookKey = "test-webhook-key-4f9a2c";

    public CrmApi()
    {
        With("LEAD_WEBHOOK_KEY", WebhookKey);
        With("JWT_EXPIRATION", "400d");
    }

    public HttpClient Webhook(string key = WebhookKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Webhook-Key", key);
        return client;
    }

    public async Task<Guid> NewClinicAsync(string adminToken)
    {
        var clinic = await (await this.Authorized(adminToken).PostJsonAsync("/clinics", new { name = $"CRM {Guid.NewGuid():N}"[..24], timezone = "Europe/Athens", countryCode = "GR" }))
            .ExpectAsync(HttpStatusCode.Created);
        return clinic.GetProperty("id").GetGuid();
    }

    public async Task GrantAsync(string adminToken, Guid salespersonId, Guid clinicId) =>
        await (await this.Authorized(adminToken).PostJsonAsync("/admin/agent-clinic-access", new { agentUserId = salespersonId, clinicId }))
            .ExpectAsync(HttpStatusCode.Created);

    public async Task<JsonElement> LeadAsync(object body) =>
        await (await Webhook().PostJsonAsync("/crm/leads", body)).ExpectAsync(HttpStatusCode.Created);

    public static string UniqueEmail() => Http.UniqueEmail("lead");

    /// <summary>A unique valid Greek mobile number.</summary>
    public static string UniquePhone() => $"+30 69{Random.Shared.Next(0, 10)} {Random.Shared.Next(100, 1000)} {Random.Shared.Next(1000, 10000)}";

    public Task<(Guid Id, string Token)> StaffAsync(UserRole role) => this.SignedInAsync(role);
}
