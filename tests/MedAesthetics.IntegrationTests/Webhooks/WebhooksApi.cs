using System.Net;
using System.Text.Json;
using MedAesthetics.Api.Modules.Webhooks;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Outbox;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MedAesthetics.IntegrationTests.Webhooks;

/// <summary>The API with WireMock.Net as the webhooks' receiver; loopback receivers allowed (WEBHOOKS_ALLOW_LOOPBACK), tokens living 90 days so tests may move the clock.</summary>
public class WebhooksApi : ApiFactory
{
    public WireMockServer Receiver { get; } = WireMockServer.Start();

    public WebhooksApi() : this(allowLoopback: true) { }

    protected WebhooksApi(bool allowLoopback)
    {
        With("JWT_EXPIRATION", "90d");
        With("WEBHOOKS_ALLOW_LOOPBACK", allowLoopback ? "true" : "false");
        With("WEBHOOKS_TIMEOUT_SECONDS", "30");   // a loaded test machine must not turn an answer into a timeout
    }

    public string ReceiverUrl(string path) => $"{Receiver.Url}{path}";

    /// <summary>The receiver answers POSTs to the path with the status.</summary>
    public string Answer(string path, int status)
    {
        Receiver.Given(Request.Create().WithPath(path).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody("""{"ok":true}"""));
        return ReceiverUrl(path);
    }

    public IReadOnlyList<WireMock.Logging.ILogEntry> Received(string path) =>
        Receiver.LogEntries.Where(e => e.RequestMessage.Path == path).OrderBy(e => e.RequestMessage.DateTime).ToList();

    /// <summary>A clinic of a new owner; returns the clinic, the owner's id and token.</summary>
    public async Task<(Guid ClinicId, Guid OwnerId, string OwnerToken)> ClinicAsync(string adminToken)
    {
        var (ownerId, owner) = await this.SignedInAsync(UserRole.ClinicOwner);
        var clinic = await (await this.Authorized(adminToken).PostJsonAsync("/clinics",
                new { name = $"Clinic {Guid.NewGuid():N}"[..20], timezone = "Europe/Athens", ownerId, countryCode = "GR" }))
            .ExpectAsync(HttpStatusCode.Created);
        return (clinic.GetProperty("id").GetGuid(), ownerId, owner);
    }

    public async Task<JsonElement> RegisterAsync(string token, string url, string[] eventTypes, Guid? clinicId, string? secret = null) =>
        await (await this.Authorized(token).PostJsonAsync("/admin/webhooks", new { url, eventTypes, clinicId, secret })).ExpectAsync(HttpStatusCode.Created);

    public Task PublishAsync(IIntegrationEvent e) => WithDbAsync(async db =>
    {
        db.Publish(e);
        await db.SaveChangesAsync();
    });

    /// <summary>Runs the handlers (deliveries written, then their jobs enqueued) and then the due tries of the endpoint's deliveries, as Hangfire would.</summary>
    public async Task DeliverAsync(Guid endpointId)
    {
        await DrainOutboxAsync();
        await DrainOutboxAsync();
        var now = Clock.GetCurrentInstant();
        var due = await WithDbAsync(db => db.Set<WebhookDelivery>().Where(d => d.EndpointId == endpointId && d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
            .Select(d => d.Id).ToListAsync());
        foreach (var id in due)
            await WithServiceAsync<WebhookDeliveryJob, bool>(job => job.DeliverAsync(id, CancellationToken.None));
    }

    public Task<List<WebhookDelivery>> DeliveriesOf(Guid endpointId) =>
        WithDbAsync(db => db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.EndpointId == endpointId).OrderBy(d => d.CreatedAt).ToListAsync());

    public Task<List<WebhookDeliveryAttempt>> AttemptsOf(Guid endpointId) =>
        WithDbAsync(db => db.Set<WebhookDeliveryAttempt>().AsNoTracking().Where(a => a.EndpointId == endpointId).OrderBy(a => a.Number).ToListAsync());

    protected override ValueTask DisposeExtrasAsync()
    {
        Receiver.Stop();
        Receiver.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>The same API with loopback receivers refused, as in production.</summary>
public sealed class StrictWebhooksApi() : WebhooksApi(allowLoopback: false);
