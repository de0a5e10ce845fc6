using System.Net;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Modules.Webhooks;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Infrastructure;

namespace MedAesthetics.IntegrationTests.Webhooks;

/// <summary>With loopback not allowed (as in production): internal addresses are refused at registration, and at send time on the address actually connected to.</summary>
public sealed class WebhookSsrfTests(StrictWebhooksApi api) : IClassFixture<StrictWebhooksApi>, IAsyncLifetime
{
    private string _admin = "";
    private Guid _adminId;

    public async Task InitializeAsync() => (_adminId, _admin) = await api.SignedInAsync(UserRole.Admin);

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string> InternalUrls() =>
    [
        "http://10.0.0.1/hook",
        "https://169.254.169.254/latest/meta-data/",
        "http://[::1]:8080/hook",
        "http://[fd00::1]/hook",
        "http://100.64.1.1/hook",
        "http://localhost:8080/hook",
        "http://0.0.0.0/hook",
    ];

    [Theory]
    [MemberData(nameof(InternalUrls))]
    public async Task Registration_refuses_internal_addresses(string url)
    {
        var (clinicId, _, _) = await api.ClinicAsync(_admin);
        var refused = await (await api.Authorized(_admin).PostJsonAsync("/admin/webhooks", new { url, eventTypes = new[] { "lead.created" }, clinicId }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("url", out _));
    }

    [Fact]
    public async Task Registration_refuses_a_name_that_resolves_to_an_internal_address()
    {
        // The machine's own name resolves to loopback or to its private network address: both are refused.
        var host = Dns.GetHostName();
        var addresses = await Dns.GetHostAddressesAsync(host);
        Assert.All(addresses, a => Assert.NotEqual(AddressKind.Public, AddressClassifier.Classify(a)));

        var refused = await (await api.Authorized(_admin).PostJsonAsync("/admin/webhooks", new { url = $"http://{host}:8080/hook", eventTypes = new[] { "lead.created" } }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains(addresses[0].ToString(), refused.GetProperty("errors").GetProperty("url")[0].GetString());
    }

    [Fact]
    public async Task A_send_to_an_internal_address_is_refused_at_connect_and_fails_at_once()
    {
        var (clinicId, _, _) = await api.ClinicAsync(_admin);
        var path = "/strict";
        api.Answer(path, 200);
        // Registered before the rules held (or re-pointed by DNS since): written straight into the table. The machine's own
        // name passes the URL's shape check, so only the connect step stands between it and the receiver on this machine.
        var endpoints = await api.WithDbAsync(async db =>
        {
            var list = new[] { $"http://{Dns.GetHostName()}:{api.Receiver.Port}{path}", $"http://localhost:{api.Receiver.Port}{path}", "http://10.0.0.1/hook", "http://169.254.169.254/latest" }
                .Select(url => WebhookEndpoint.Register(clinicId, _adminId, url, WebhookSigner.NewSecret(), ["lead.created"])).ToList();
            db.AddRange(list);
            await db.SaveChangesAsync();
            return list.Select(e => e.Id).ToList();
        });

        await api.PublishAsync(new LeadCreated(Guid.NewGuid(), LeadSource.Website, clinicId, null, null, null, null));
        foreach (var endpointId in endpoints)
        {
            await api.DeliverAsync(endpointId);
            var delivery = Assert.Single(await api.DeliveriesOf(endpointId));
            Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
            var attempt = Assert.Single(await api.AttemptsOf(endpointId));
            Assert.Null(attempt.StatusCode);
            Assert.Contains("must not point at", attempt.Error);
        }
        Assert.Empty(api.Received(path));
    }

    [Fact]
    public async Task The_connect_step_refuses_a_name_that_resolves_to_loopback()
    {
        var policy = new WebhookUrlPolicy(new WebhookOptions(RequireHttps: false, AllowLoopback: false, Timeout: TimeSpan.FromSeconds(5)));
        using var handler = new SocketsHttpHandler { ConnectCallback = policy.ConnectAsync, UseProxy = false };
        using var client = new HttpClient(handler);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://localhost:{api.Receiver.Port}/strict"));
        Assert.IsType<WebhookAddressRefusedException>(error.InnerException);
        Assert.Contains("127.0.0.1", error.InnerException!.Message);
    }
}
