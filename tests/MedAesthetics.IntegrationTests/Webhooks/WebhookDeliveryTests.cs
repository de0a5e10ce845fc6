using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Modules.Webhooks;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Booking;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MedAesthetics.IntegrationTests.Webhooks;

/// <summary>Outgoing webhooks end to end: outbox event, delivery row, Hangfire job, a WireMock.Net receiver.</summary>
public sealed class WebhookDeliveryTests(WebhooksApi api) : IClassFixture<WebhooksApi>, IAsyncLifetime
{
    private string _admin = "";

    public async Task InitializeAsync()
    {
        api.Clock.Reset(ApiFactory.DefaultStart);
        (_, _admin) = await api.SignedInAsync(UserRole.Admin);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Header(WireMock.Logging.ILogEntry entry, string name) => entry.RequestMessage.Headers![name].Single();

    private static byte[] BodyBytes(WireMock.Logging.ILogEntry entry) =>
        entry.RequestMessage.BodyData?.BodyAsBytes ?? Encoding.UTF8.GetBytes(entry.RequestMessage.Body ?? "");

    [Fact]
    public async Task A_booking_reaches_the_clinics_endpoint_signed_with_its_secret_with_the_event_id_type_and_data()
    {
        var world = await BookingWorld.CreateAsync(api);
        var url = api.Answer("/signed", 200);
        var created = await api.RegisterAsync(world.OwnerToken, url, ["appointment.booked", "appointment.cancelled"], world.ClinicId);
        var endpointId = created.GetProperty("id").GetGuid();
        var secret = created.GetProperty("secret").GetString()!;
        var (clientId, _) = await world.NewClientAsync();

        var appointment = await (await world.StaffBookAsync(clientId, BookingWorld.At(2026, 3, 4, 10))).ExpectAsync(HttpStatusCode.Created);
        await api.DrainOutboxAsync();
        await api.DrainOutboxAsync();
        Assert.True(await api.RunJobAsync<WebhookDeliveryJob>() >= 1);

        var request = Assert.Single(api.Received("/signed"));
        var body = BodyBytes(request);
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
        Assert.Equal(expected, Header(request, "X-MedAesthetics-Signature-256"));
        Assert.StartsWith("application/json", Header(request, "Content-Type"));
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(Header(request, "X-MedAesthetics-Event-Id"), json.GetProperty("id").GetString());
        Assert.Equal("appointment.booked", json.GetProperty("type").GetString());
        Assert.Equal("appointment.booked", Header(request, "X-MedAesthetics-Event-Type"));
        Assert.True(long.TryParse(Header(request, "X-MedAesthetics-Timestamp"), out _));
        Assert.Equal("2026-03-02T08:00:00Z", json.GetProperty("occurredAt").GetString());
        var data = json.GetProperty("data");
        Assert.Equal(appointment.GetProperty("id").GetGuid(), data.GetProperty("appointmentId").GetGuid());
        Assert.Equal("confirmed", data.GetProperty("status").GetString());
        Assert.Equal(world.ClinicId, data.GetProperty("clinic").GetProperty("id").GetGuid());
        Assert.Equal("Europe/Athens", data.GetProperty("clinic").GetProperty("timezone").GetString());
        Assert.Equal("Laser session", data.GetProperty("service").GetProperty("name").GetString());
        Assert.Equal(world.DoctorId, data.GetProperty("provider").GetProperty("id").GetGuid());
        Assert.Equal(clientId, data.GetProperty("clientId").GetGuid());
        Assert.Equal("2026-03-04T08:00:00Z", data.GetProperty("start").GetString());
        Assert.Equal("2026-03-04T10:00:00+02:00", data.GetProperty("startLocal").GetString());
        Assert.Equal(120m, data.GetProperty("price").GetProperty("amount").GetDecimal());
        Assert.False(data.TryGetProperty("email", out _));

        var deliveries = await (await api.Authorized(world.OwnerToken).GetAsync($"/admin/webhooks/{endpointId}/deliveries")).ExpectAsync(HttpStatusCode.OK);
        var delivery = Assert.Single(deliveries.GetProperty("items").EnumerateArray());
        Assert.Equal("delivered", delivery.GetProperty("status").GetString());
        Assert.Equal(json.GetProperty("id").GetGuid(), delivery.GetProperty("eventId").GetGuid());
        var attempt = Assert.Single(delivery.GetProperty("attempts").EnumerateArray());
        Assert.Equal(200, attempt.GetProperty("statusCode").GetInt32());
        Assert.True(attempt.GetProperty("durationMs").GetInt32() >= 0);
    }

    [Fact]
    public async Task A_500_is_tried_again_after_the_backoff_and_both_tries_are_recorded()
    {
        var (clinicId, _, owner) = await api.ClinicAsync(_admin);
        api.Receiver.Given(Request.Create().WithPath("/flaky").UsingPost()).InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("receiver down"));
        api.Receiver.Given(Request.Create().WithPath("/flaky").UsingPost()).InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithStatusCode(204));
        var endpointId = (await api.RegisterAsync(owner, api.ReceiverUrl("/flaky"), ["lead.created"], clinicId)).GetProperty("id").GetGuid();
        var clock = new ClockScope(api.Clock);
        try
        {
            await api.PublishAsync(new LeadCreated(Guid.NewGuid(), LeadSource.Website, clinicId, null, null, null, null));
            await api.DeliverAsync(endpointId);
            var first = Assert.Single(await api.DeliveriesOf(endpointId));
            Assert.Equal(WebhookDeliveryStatus.Pending, first.Status);
            Assert.Equal(api.Clock.GetCurrentInstant() + Duration.FromMinutes(1), first.NextAttemptAt);

            await api.DeliverAsync(endpointId);   // not due yet: nothing is sent
            Assert.Single(api.Received("/flaky"));
            clock.Advance(Duration.FromMinutes(1));
            await api.DeliverAsync(endpointId);

            var bodies = api.Received("/flaky").Select(BodyBytes).Select(Encoding.UTF8.GetString).ToList();
            Assert.Equal(2, bodies.Count);
            Assert.Equal(bodies[0], bodies[1]);
            var deliveries = await (await api.Authorized(owner).GetAsync($"/admin/webhooks/{endpointId}/deliveries")).ExpectAsync(HttpStatusCode.OK);
            var delivery = Assert.Single(deliveries.GetProperty("items").EnumerateArray());
            Assert.Equal("delivered", delivery.GetProperty("status").GetString());
            Assert.Equal(2, delivery.GetProperty("attemptCount").GetInt32());
            var attempts = delivery.GetProperty("attempts").EnumerateArray().ToList();
            Assert.Equal([500, 204], attempts.Select(a => a.GetProperty("statusCode").GetInt32()));
            Assert.Equal("receiver down", attempts[0].GetProperty("responseBody").GetString());
            var endpoint = await (await api.Authorized(owner).GetAsync($"/admin/webhooks/{endpointId}")).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(JsonValueKind.Null, endpoint.GetProperty("failingSince").ValueKind);
            Assert.True(endpoint.GetProperty("enabled").GetBoolean());
        }
        finally
        {
            clock.Restore();
        }
    }

    [Fact]
    public async Task After_five_failed_tries_a_delivery_stays_failed()
    {
        var (clinicId, _, owner) = await api.ClinicAsync(_admin);
        var endpointId = (await api.RegisterAsync(owner, api.Answer("/always-503", 503), ["lead.created"], clinicId)).GetProperty("id").GetGuid();
        var clock = new ClockScope(api.Clock);
        try
        {
            await api.PublishAsync(new LeadCreated(Guid.NewGuid(), LeadSource.Website, clinicId, null, null, null, null));
            for (var i = 0; i < 6; i++)
            {
                await api.DeliverAsync(endpointId);
                clock.Advance(Duration.FromHours(2));
            }

            var delivery = Assert.Single(await api.DeliveriesOf(endpointId));
            Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
            Assert.Equal(5, delivery.Attempts);
            Assert.Equal(5, api.Received("/always-503").Count);
            Assert.Equal([1, 2, 3, 4, 5], (await api.AttemptsOf(endpointId)).Select(a => a.Number));
        }
        finally
        {
            clock.Restore();
            await (await api.Authorized(owner).DeleteAsync($"/admin/webhooks/{endpointId}")).ExpectAsync(HttpStatusCode.NoContent);
        }
    }

    [Fact]
    public async Task An_endpoint_failing_for_a_day_is_disabled_and_its_owner_is_told()
    {
        var (clinicId, ownerId, owner) = await api.ClinicAsync(_admin);
        var url = api.Answer("/down", 500);
        var endpointId = (await api.RegisterAsync(owner, url, ["lead.created"], clinicId)).GetProperty("id").GetGuid();
        var clock = new ClockScope(api.Clock);
        try
        {
            await api.PublishAsync(new LeadCreated(Guid.NewGuid(), LeadSource.Website, clinicId, null, null, null, null));
            await api.DeliverAsync(endpointId);
            var endpoint = await (await api.Authorized(owner).GetAsync($"/admin/webhooks/{endpointId}")).ExpectAsync(HttpStatusCode.OK);
            Assert.True(endpoint.GetProperty("enabled").GetBoolean());
            Assert.Equal("2026-03-02T08:00:00Z", endpoint.GetProperty("failingSince").GetString());

            clock.Advance(Duration.FromHours(23));
            await api.PublishAsync(new LeadCreated(Guid.NewGuid(), LeadSource.Website, clinicId, null, null, null, null));
            await api.DeliverAsync(endpointId);
            Assert.True((await (await api.Authorized(owner).GetAsync($"/admin/webhooks/{endpointId}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("enabled").GetBoolean());

            clock.Advance(Duration.FromHours(1));
            await api.DeliverAsync(endpointId);
            await api.DrainOutboxAsync();

            endpoint = await (await api.Authorized(owner).GetAsync($"/admin/webhooks/{endpointId}")).ExpectAsync(HttpStatusCode.OK);
            Assert.False(endpoint.GetProperty("enabled").GetBoolean());
            Assert.Contains("24 hours", endpoint.GetProperty("disabledReason").GetString());
            var inbox = await (await api.Authorized(owner).GetAsync("/notifications")).ExpectAsync(HttpStatusCode.OK);
            var notice = Assert.Single(inbox.GetProperty("items").EnumerateArray(), n => n.GetProperty("type").GetString() == "webhook_disabled");
            Assert.Contains(url, notice.GetProperty("body").GetString());
            Assert.Contains(endpointId.ToString(), notice.GetProperty("body").GetString());

            // Disabled: a new event adds no delivery, and what was still pending is not sent.
            var sent = api.Received("/down").Count;
            await api.PublishAsync(new LeadCreated(Guid.NewGuid(), LeadSource.Website, clinicId, null, null, null, null));
            clock.Advance(Duration.FromHours(3));
            await api.DeliverAsync(endpointId);
            Assert.Equal(2, (await api.DeliveriesOf(endpointId)).Count);
            Assert.Equal(sent, api.Received("/down").Count);
            Assert.All(await api.DeliveriesOf(endpointId), d => Assert.Equal(WebhookDeliveryStatus.Failed, d.Status));

            var enabled = await (await api.Authorized(owner).PostAsync($"/admin/webhooks/{endpointId}/enable", null)).ExpectAsync(HttpStatusCode.OK);
            Assert.True(enabled.GetProperty("enabled").GetBoolean());
            Assert.Equal(JsonValueKind.Null, enabled.GetProperty("failingSince").ValueKind);
            Assert.Equal(ownerId, enabled.GetProperty("ownerId").GetGuid());
        }
        finally
        {
            clock.Restore();
            await (await api.Authorized(owner).DeleteAsync($"/admin/webhooks/{endpointId}")).ExpectAsync(HttpStatusCode.NoContent);
        }
    }

    [Fact]
    public async Task A_redelivered_event_adds_no_second_delivery()
    {
        var (clinicId, _, owner) = await api.ClinicAsync(_admin);
        var endpointId = (await api.RegisterAsync(owner, api.Answer("/once", 200), ["lead.status_changed"], clinicId)).GetProperty("id").GetGuid();
        await api.PublishAsync(new LeadStatusChanged(Guid.NewGuid(), LeadStatus.New, LeadStatus.Contacted, null, null, clinicId));
        await api.DeliverAsync(endpointId);
        var eventId = Assert.Single(await api.DeliveriesOf(endpointId)).EventId;

        // The outbox hands the same event to the handlers again (a crash between the handler's commit and the outbox's).
        await api.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE outbox_messages SET processed_at = NULL WHERE id = {eventId}");
            await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM processed_events WHERE event_id = {eventId}");
        });
        await api.DeliverAsync(endpointId);

        Assert.Single(await api.DeliveriesOf(endpointId));
        var request = Assert.Single(api.Received("/once"));
        var data = JsonDocument.Parse(BodyBytes(request)).RootElement.GetProperty("data");
        Assert.Equal("contacted", data.GetProperty("status").GetString());
        Assert.Equal("new", data.GetProperty("previousStatus").GetString());
    }

    [Fact]
    public async Task A_clinic_owners_endpoint_gets_only_its_clinics_leads_with_their_contacts()
    {
        var (clinicId, _, owner) = await api.ClinicAsync(_admin);
        var (otherClinicId, _, _) = await api.ClinicAsync(_admin);
        var endpointId = (await api.RegisterAsync(owner, api.Answer("/leads", 200), ["lead.created"], clinicId)).GetProperty("id").GetGuid();
        var admin = api.Authorized(_admin);

        var lead = await (await admin.PostJsonAsync("/crm/leads", new
        {
            firstName = "Eleni", lastName = "Papadaki", email = "Eleni.P@Example.com", phone = "694 412 3456", source = "website", clinicId,
        })).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PostJsonAsync("/crm/leads", new { firstName = "Other", email = "other@example.com", source = "website", clinicId = otherClinicId }))
            .ExpectAsync(HttpStatusCode.Created);
        await api.DeliverAsync(endpointId);

        var request = Assert.Single(api.Received("/leads"));
        var data = JsonDocument.Parse(BodyBytes(request)).RootElement.GetProperty("data");
        Assert.Equal(lead.GetProperty("id").GetGuid(), data.GetProperty("leadId").GetGuid());
        Assert.Equal("Eleni", data.GetProperty("firstName").GetString());
        Assert.Equal("eleni.p@example.com", data.GetProperty("email").GetString());
        Assert.Equal("+306944123456", data.GetProperty("phone").GetString());
        Assert.Equal("website", data.GetProperty("source").GetString());
        Assert.Equal(clinicId, data.GetProperty("clinicId").GetGuid());
        Assert.False(data.TryGetProperty("notes", out _));
    }

    [Fact]
    public async Task The_secret_is_shown_once_and_never_audited()
    {
        var (clinicId, _, owner) = await api.ClinicAsync(_admin);
        const string secret = "my-own-secret-0123456789";
        var created = await api.RegisterAsync(owner, api.Answer("/secret", 200), ["appointment.completed"], clinicId, secret);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(secret, created.GetProperty("secret").GetString());

        var one = await (await api.Authorized(owner).GetAsync($"/admin/webhooks/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.False(one.TryGetProperty("secret", out _));
        var list = await (await api.Authorized(owner).GetAsync("/admin/webhooks")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(secret, list.GetRawText());
        var audit = await (await api.Authorized(_admin).GetAsync($"/admin/audit-logs?entityType=webhook_endpoint&entityId={id}")).ExpectAsync(HttpStatusCode.OK);
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal("create", entry.GetProperty("action").GetString());
        Assert.DoesNotContain(secret, audit.GetRawText());

        await (await api.Authorized(owner).DeleteAsync($"/admin/webhooks/{id}")).ExpectAsync(HttpStatusCode.NoContent);
        audit = await (await api.Authorized(_admin).GetAsync($"/admin/audit-logs?entityType=webhook_endpoint&entityId={id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, audit.GetProperty("items").GetArrayLength());
        Assert.DoesNotContain(secret, audit.GetRawText());
        await (await api.Authorized(owner).GetAsync($"/admin/webhooks/{id}")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_generated_secret_is_returned_and_a_short_one_is_refused()
    {
        var (clinicId, _, owner) = await api.ClinicAsync(_admin);
        var created = await api.RegisterAsync(owner, api.Answer("/generated", 200), ["appointment.no_show"], clinicId);
        Assert.StartsWith("whsec_", created.GetProperty("secret").GetString());

        var refused = await (await api.Authorized(owner).PostJsonAsync("/admin/webhooks",
            new { url = api.ReceiverUrl("/generated"), eventTypes = new[] { "appointment.no_show" }, clinicId, secret = "too-short" })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("secret", out _));
        var unknown = await (await api.Authorized(owner).PostJsonAsync("/admin/webhooks",
            new { url = api.ReceiverUrl("/generated"), eventTypes = new[] { "appointment.exploded" }, clinicId })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("eventTypes", unknown.GetProperty("errors").EnumerateObject().Select(p => p.Name.Split('[')[0]));
    }
}
