using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MedAesthetics.IntegrationTests.Security;

/// <summary>
/// Every endpoint of the app's own route table, against every kind of caller (docs/rules.md "People and access", reviewed
/// line by line). A route without a row, or a row without a route, fails <see cref="Every_route_has_a_row_and_every_row_a_route"/>.
/// Records in paths and bodies are clinic A's or client 1's (<see cref="MatrixWorld"/>).
///
/// Columns:  anon = no token, an expired token, a token signed with another key, a logged-out session's token (4 requests)
///           key = the lead webhooks' X-Webhook-Key without a token
///           admin; owner, doctor, secr(etariat) of clinic A; sales = salesperson granted clinic A; client = client 1
///           o.own, o.doc, o.sale = owner, doctor, salesperson of clinic B (no access to A); o.cli = client 2
/// Cells:    a status, or ok = let through to the operation: anything but 401, 403, 404 and 5xx (a 400 for the body, a 409
///           for the state of a record the row shares with other callers are fine).
/// To add a route: one R(...) line with its path ids and a body good enough to pass validation.
/// </summary>
public sealed class AuthorizationMatrixTests(MatrixWorld world) : IClassFixture<MatrixWorld>
{
    /// <summary>Routes the matrix does not call, and why.</summary>
    private static readonly Dictionary<string, string> Skipped = new()
    {
        ["GET /api/docs/openapi.json"] = "the public OpenAPI document, served by Microsoft.AspNetCore.OpenApi to anyone (Swagger UI is middleware, not a route)",
        ["* /hubs/notifications"] = "SignalR's transport endpoint needs a live connection id from negotiate; negotiate (the row below) is where the hub's [Authorize] is decided",
    };

    private static readonly Row[] Table =
    [
        //  route                                                          anon key  admin owner doctor secr sales client  o.own o.doc o.sale o.cli
        R("GET /",                                                          "200 200 | 200 200 200 200 200 200 | 200 200 200 200"),
        R("* /health/live",                                                 "200 200 | 200 200 200 200 200 200 | 200 200 200 200"),
        R("GET /health/ready",                                              "200 200 | 200 200 200 200 200 200 | 200 200 200 200"),
        R("* /jobs/{**path}",                                               "401 401 | 200 403 403 403 403 403 | 403 403 403 403", w => ["recurring"]),
        R("* /hubs/notifications/negotiate",                                "401 401 | 200 200 200 200 200 200 | 200 200 200 200", query: _ => "?negotiateVersion=1", send: "POST"),

        // Identity
        R("POST /auth/register",                                            "201 201 | 201 201 201 201 201 201 | 201 201 201 201",
            body: _ => Http.RegistrationFor(Http.UniqueEmail("matrix"))),
        R("POST /auth/login",                                               "200 200 | 200 200 200 200 200 200 | 200 200 200 200",
            body: w => new { email = w.LoginEmail, password = Http.Password }),
        R("POST /auth/refresh",                                             "200 200 | 200 200 200 200 200 200 | 200 200 200 200",
            freshBody: async w => new { refreshToken = (await w.LoginAsync(w.LoginEmail)).RefreshToken() }),
        R("POST /auth/logout",                                              "401 401 | 204 204 204 204 204 204 | 204 204 204 204", ownSession: true),
        R("GET /users/me",                                                  "401 401 | 200 200 200 200 200 200 | 200 200 200 200"),
        R("PATCH /users/me/profile",                                        "401 401 | 200 200 200 200 200 200 | 200 200 200 200", body: _ => new { locale = "en" }),
        R("GET /users/me/export",                                           "401 401 | 200 200 200 200 200 200 | 200 200 200 200"),
        // An empty password is refused after authorization: proof that the caller got through without deleting anyone.
        R("POST /users/me/delete",                                          "401 401 | 400 400 400 400 400 400 | 400 400 400 400", body: _ => new { password = "" }),
        R("GET /users/me/consents",                                         "401 401 | 200 200 200 200 200 200 | 200 200 200 200"),
        R("POST /users/me/consents",                                        "401 401 | 201 201 201 201 201 201 | 201 201 201 201",
            body: _ => new { type = "marketing", version = "2026-01", granted = false }),
        // A clinic owner creates doctors and secretaries for its own clinic only (clinicId A here).
        R("POST /admin/users",                                              "401 401 | 201 201 403 403 403 403 | 403 403 403 403",
            body: w => new { email = Http.UniqueEmail("staff"), password = Http.Password, firstName = "New", lastName = "Doctor", role = "doctor", clinicId = w.ClinicA }),
        R("GET /admin/users",                                               "401 401 | 200 403 403 403 403 403 | 403 403 403 403"),
        R("POST /admin/users/{id}/erasure",                                 "401 401 | 202 403 403 403 403 403 | 403 403 403 403",
            freshIds: async w => [(await w.NewUserAsync(UserRole.Client)).Id]),

        // Clinics: public to read; a clinic is nobody's secret, so a write on a clinic one may not change is 403 (not 404).
        R("POST /clinics",                                                  "401 401 | 201 403 403 403 403 403 | 403 403 403 403",
            body: _ => new { name = $"New {Guid.NewGuid():N}"[..20], timezone = "Europe/Athens" }),
        R("GET /clinics",                                                   "200 200 | 200 200 200 200 200 200 | 200 200 200 200"),
        R("GET /clinics/{id}",                                              "200 200 | 200 200 200 200 200 200 | 200 200 200 200", w => [w.ClinicA]),
        R("PATCH /clinics/{id}",                                            "401 401 | 200 200 403 403 403 403 | 403 403 403 403", w => [w.ClinicA],
            body: _ => new { address = "1 Matrix Street" }),
        R("POST /clinics/{id}/services",                                    "401 401 | 201 201 403 403 403 403 | 403 403 403 403", w => [w.ClinicA],
            body: _ => new { name = "Peeling", durationMinutes = 30, price = new { amount = 50m, currency = "EUR" } }),
        R("GET /clinics/{id}/services",                                     "200 200 | 200 200 200 200 200 200 | 200 200 200 200", w => [w.ClinicA]),
        R("POST /clinics/{id}/staff",                                       "401 401 | 201 201 403 403 403 403 | 403 403 403 403", w => [w.ClinicA],
            freshBody: async w => new { userId = (await w.NewUserAsync(UserRole.Doctor)).Id, role = "doctor" }),
        // The staff list is its people's: outside the clinic it does not exist.
        R("GET /clinics/{id}/staff",                                        "401 401 | 200 200 200 200 200 403 | 404 404 404 403", w => [w.ClinicA]),
        R("GET /clinics/{id}/providers",                                    "200 200 | 200 200 200 200 200 200 | 200 200 200 200", w => [w.ClinicA]),
        R("PUT /clinics/{id}/providers/{providerId}/services",              "401 401 | 200 200 403 403 403 403 | 403 403 403 403", w => [w.ClinicA, w.DoctorA],
            body: _ => new { serviceIds = Array.Empty<Guid>() }),
        R("PUT /clinics/{id}/providers/{providerId}/working-hours",         "401 401 | 200 200 403 200 403 403 | 403 403 403 403", w => [w.ClinicA, w.DoctorA],
            body: _ => MatrixWorld.WorkingWeek),
        R("GET /clinics/{id}/providers/{providerId}/working-hours",         "200 200 | 200 200 200 200 200 200 | 200 200 200 200", w => [w.ClinicA, w.DoctorA]),
        // A doctor may block its own time (providerId = itself).
        R("POST /clinics/{id}/blocked-slots",                               "401 401 | 201 201 201 201 403 403 | 403 403 403 403", w => [w.ClinicA],
            body: w => new { providerId = w.DoctorA, start = "2026-05-04T08:00:00Z", end = "2026-05-04T09:00:00Z", reason = "training" }),
        R("GET /clinics/{id}/blocked-slots",                                "401 401 | 200 200 200 200 200 403 | 404 404 404 403", w => [w.ClinicA]),
        R("POST /admin/agent-clinic-access",                                "401 401 | ok  403 403 403 403 403 | 403 403 403 403",
            freshBody: async w => new { agentUserId = (await w.NewUserAsync(UserRole.Salesperson)).Id, clinicId = w.ClinicA }),
        R("DELETE /admin/agent-clinic-access/{agentUserId}/{clinicId}",     "401 401 | 204 403 403 403 403 403 | 403 403 403 403",
            freshIds: async w => [await w.NewGrantOnClinicAAsync(), w.ClinicA]),

        // Booking: a client holds at any clinic; staff book at the clinics they reach (403 elsewhere: the clinic is public).
        R("GET /availability",                                              "200 200 | 200 200 200 200 200 200 | 200 200 200 200",
            query: w => $"?clinicId={w.ClinicA}&serviceId={w.ServiceA}&date=2026-03-12"),
        R("POST /appointments/hold",                                        "401 401 | ok  ok  ok  ok  ok  ok  | 403 403 403 ok ",
            body: w => new { clinicId = w.ClinicA, serviceId = w.ServiceA, providerId = w.DoctorA, start = "2026-03-12T08:00:00Z" }),
        // Clients book through a hold (403 without one); staff book for a client.
        R("POST /appointments",                                             "401 401 | ok  ok  ok  ok  ok  403 | 403 403 403 403",
            body: w => new { clinicId = w.ClinicA, serviceId = w.ServiceA, providerId = w.DoctorA, start = "2026-03-13T08:00:00Z", clientId = w.Client1 }),
        R("GET /appointments",                                              "401 401 | 200 200 200 200 200 200 | 200 200 200 200"),
        R("GET /appointments/{id}",                                         "401 401 | 200 200 200 200 200 200 | 404 404 404 404", w => [w.AppointmentA]),
        R("PATCH /appointments/{id}/reschedule",                            "401 401 | ok  ok  ok  ok  ok  ok  | 404 404 404 404", w => [w.AppointmentToChange],
            body: _ => new { start = "2026-03-16T08:00:00Z" }),
        R("PATCH /appointments/{id}/cancel",                                "401 401 | ok  ok  ok  ok  ok  ok  | 404 404 404 404", w => [w.AppointmentToChange],
            body: _ => new { reason = "matrix" }),
        // Completing and no-shows are the clinic's team's (a salesperson sees the appointment but may not).
        R("PATCH /appointments/{id}/complete",                              "401 401 | ok  ok  ok  ok  403 403 | 404 404 404 403", w => [w.AppointmentToChange], body: _ => new { }),
        R("PATCH /appointments/{id}/no-show",                               "401 401 | ok  ok  ok  ok  403 403 | 404 404 404 403", w => [w.AppointmentToChange]),

        // CRM: staff with access to the lead's clinic, and the ad webhooks.
        R("POST /crm/leads",                                                "401 201 | 201 201 201 201 201 403 | 403 403 403 403",
            body: w => new { firstName = "Matrix", source = "website", email = Http.UniqueEmail("lead"), clinicId = w.ClinicA }),
        R("POST /crm/webhooks/facebook",                                    "401 200 | 401 401 401 401 401 401 | 401 401 401 401",
            query: w => $"?clinicId={w.ClinicA}", body: _ => FacebookLead()),
        // Facebook's handshake is public; what it checks is the verify token (none configured here, so always 403).
        R("GET /crm/webhooks/facebook",                                     "403 403 | 403 403 403 403 403 403 | 403 403 403 403",
            query: _ => "?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=42"),
        R("GET /crm/webhooks/facebook/leadgens",                            "401 401 | 200 403 403 403 403 403 | 403 403 403 403"),
        R("GET /crm/leads",                                                 "401 401 | 200 200 200 200 200 403 | 200 200 200 403"),
        R("GET /crm/leads/{id}",                                            "401 401 | 200 200 200 200 200 403 | 404 404 404 403", w => [w.LeadA]),
        R("PATCH /crm/leads/{id}",                                          "401 401 | 200 200 200 200 200 403 | 404 404 404 403", w => [w.LeadA],
            body: _ => new { notes = "called twice" }),
        R("POST /admin/tags",                                               "401 401 | 201 403 403 403 403 403 | 403 403 403 403",
            body: _ => new { name = $"tag-{Guid.NewGuid():N}"[..12] }),
        R("GET /admin/tags",                                                "401 401 | 200 403 403 403 403 403 | 403 403 403 403"),
        // Campaigns are the admin's and salespeople's; a salesperson sees its own and its clinics'.
        R("POST /crm/campaigns",                                            "401 401 | 201 403 403 403 201 403 | 403 403 403 403",
            body: w => new { name = "Summer laser", channel = "instagram", clinicId = w.ClinicA }),
        R("GET /crm/campaigns",                                             "401 401 | 200 403 403 403 200 403 | 403 403 200 403"),
        R("GET /crm/campaigns/{id}",                                        "401 401 | 200 403 403 403 200 403 | 403 403 404 403", w => [w.CampaignA]),
        R("PATCH /crm/campaigns/{id}",                                      "401 401 | 200 403 403 403 200 403 | 403 403 404 403", w => [w.CampaignA],
            body: _ => new { facebookFormIds = new[] { "5550001" } }),
        R("POST /crm/campaigns/{id}/spend",                                 "401 401 | 201 403 403 403 201 403 | 403 403 404 403", w => [w.CampaignA],
            body: _ => new { spentOn = "2026-03-01", amount = new { amount = 25m, currency = "EUR" } }),
        R("GET /crm/campaigns/{id}/spend",                                  "401 401 | 200 403 403 403 200 403 | 403 403 404 403", w => [w.CampaignA]),
        R("GET /crm/campaigns/{id}/metrics",                                "401 401 | 200 403 403 403 200 403 | 403 403 404 403", w => [w.CampaignA]),

        // Tasks: staff; a task's clinic must be one the caller reaches (the clinic is public: 403).
        R("POST /tasks",                                                    "401 401 | 201 201 201 201 201 403 | 403 403 403 403",
            body: w => new { title = "Confirm by phone", type = "call", dueAt = "2026-03-04T09:00:00Z", clinicId = w.ClinicA }),
        R("GET /tasks",                                                     "401 401 | 200 200 200 200 200 403 | 200 200 200 403"),
        R("PATCH /tasks/{id}",                                              "401 401 | 200 200 200 200 200 403 | 404 404 404 403", w => [w.TaskA],
            body: _ => new { notes = "left a message" }),

        // Loyalty: the client itself, staff of its clinics (redeeming: the clinic's team, not salespeople), the admin.
        R("GET /loyalty/{clientId}",                                        "401 401 | 200 200 200 200 200 200 | 404 404 404 404", w => [w.Client1]),
        R("GET /loyalty/{clientId}/history",                                "401 401 | 200 200 200 200 200 200 | 404 404 404 404", w => [w.Client1]),
        R("POST /loyalty/redeem",                                           "401 401 | 201 201 201 201 403 201 | 404 404 404 404",
            body: w => new { clientId = w.Client1, points = 100 }),
        R("POST /loyalty/{clientId}/adjustments",                           "401 401 | 201 403 403 403 403 403 | 403 403 403 403", w => [w.Client1],
            body: _ => new { points = 10, reason = "goodwill" }),

        // Admin
        R("GET /admin/audit-logs",                                          "401 401 | 200 200 403 403 403 403 | 200 403 403 403"),
        R("GET /admin/settings",                                            "401 401 | 200 403 403 403 403 403 | 403 403 403 403"),
        R("PATCH /admin/settings",                                          "401 401 | 200 403 403 403 403 403 | 403 403 403 403", body: _ => new { holdMinutes = 10 }),
        R("GET /admin/reports",                                             "401 401 | 200 200 403 403 403 403 | 404 403 403 403", query: w => $"?clinicId={w.ClinicA}"),

        // Notifications: everyone their own inbox; staff send to the clients of their clinics.
        R("GET /notifications",                                             "401 401 | 200 200 200 200 200 200 | 200 200 200 200"),
        R("GET /notifications/unread-count",                                "401 401 | 200 200 200 200 200 200 | 200 200 200 200"),
        R("PATCH /notifications/{id}/read",                                 "401 401 | 404 404 404 404 404 204 | 404 404 404 404", w => [w.NotificationOfClient1]),
        R("POST /notifications/read-all",                                   "401 401 | 204 204 204 204 204 204 | 204 204 204 204"),
        R("POST /notifications/send",                                       "401 401 | 202 202 202 202 202 403 | 404 404 404 403",
            body: w => new { userIds = new[] { w.Client1 }, channels = new[] { "in_app" }, title = "Clinic news", body = "We open on Sunday." }),
        R("POST /users/me/devices",                                         "401 401 | 201 201 201 201 201 201 | 201 201 201 201",
            body: _ => new { token = $"fcm-{Guid.NewGuid():N}", platform = "android" }),
        R("GET /users/me/notification-preferences",                         "401 401 | 200 200 200 200 200 200 | 200 200 200 200"),
        R("PUT /users/me/notification-preferences",                         "401 401 | 200 200 200 200 200 200 | 200 200 200 200", body: _ => new { marketing = false }),
        R("GET /admin/notification-deliveries",                             "401 401 | 200 403 403 403 403 403 | 403 403 403 403"),

        // Outgoing webhooks: the admin, and a clinic owner for the clinics it owns (another owner's endpoint: 404).
        R("POST /admin/webhooks",                                           "401 401 | 201 201 403 403 403 403 | 404 403 403 403",
            body: w => new { url = "https://93.184.215.14/hook", eventTypes = new[] { "lead.created" }, clinicId = w.ClinicA }),
        R("GET /admin/webhooks",                                            "401 401 | 200 200 403 403 403 403 | 200 403 403 403"),
        R("GET /admin/webhooks/{id}",                                       "401 401 | 200 200 403 403 403 403 | 404 403 403 403", w => [w.WebhookA]),
        R("DELETE /admin/webhooks/{id}",                                    "401 401 | 204 204 403 403 403 403 | 404 403 403 403",
            freshIds: async w => [await w.NewWebhookOnClinicAAsync()]),
        R("POST /admin/webhooks/{id}/enable",                               "401 401 | 200 200 403 403 403 403 | 404 403 403 403", w => [w.WebhookA]),
        R("GET /admin/webhooks/{id}/deliveries",                            "401 401 | 200 200 403 403 403 403 | 404 403 403 403", w => [w.WebhookA]),
    ];

    [Fact]
    public void Every_route_has_a_row_and_every_row_a_route()
    {
        var routes = RouteTable(world.Services);
        var rows = Table.Select(r => r.Route).ToList();

        var duplicates = rows.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var missing = routes.Except(rows).Except(Skipped.Keys).Order().ToList();
        var stale = rows.Concat(Skipped.Keys).Except(routes).Order().ToList();

        Assert.True(duplicates.Count == 0, "Routes with two rows: " + string.Join(", ", duplicates));
        Assert.True(missing.Count == 0, "Routes without a row in the authorization matrix (add an R(...) line, reviewed against docs/rules.md): " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "Rows of the authorization matrix for routes that do not exist: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task Every_route_answers_each_caller_as_the_table_says()
    {
        var failures = new List<string>();
        var calls = 0;
        foreach (var row in Table)
        {
            var expected = row.Parse();
            foreach (var who in Enum.GetValues<Who>())
            {
                var tokens = who == Who.Anonymous
                    ? world.InvalidTokens.Select(t => (t.What, (string?)t.Token)).Prepend(("no token", null))
                    : [(who.ToString(), who == Who.WebhookKey ? null : world.TokenOf(who))];
                foreach (var (what, token) in tokens)
                {
                    calls++;
                    var (status, body) = await CallAsync(row, who, token);
                    if (!expected[who].Matches(status))
                        failures.Add($"{row.Route} as {what}: expected {expected[who]}, got {status} {Shorten(body)}");
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {calls} calls answered otherwise than the matrix says:\n" + string.Join("\n", failures));
    }

    private async Task<(int Status, string Body)> CallAsync(Row row, Who who, string? token)
    {
        var ids = row.FreshIds is null ? row.Ids(world) : await row.FreshIds(world);
        var index = 0;
        var path = Regex.Replace(row.Template, @"\{\*{0,2}\w+\}", _ => Uri.EscapeDataString($"{ids[index++]}"));
        object? body = row.FreshBody is null ? row.Body?.Invoke(world) : await row.FreshBody(world);
        if (row.OwnSession && token is not null && who != Who.Anonymous)
        {
            // Logging out ends the session: do it on a session of its own, not on the one the other rows use.
            var session = await world.LoginAsync(world.EmailOf(who));
            token = session.AccessToken();
            body = new { refreshToken = session.RefreshToken() };
        }
        else if (row.OwnSession)
            body = new { refreshToken = "not-a-refresh-token" };

        using var request = new HttpRequestMessage(new HttpMethod(row.Method == "*" ? row.Send : row.Method), path + row.Query?.Invoke(world));
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (who == Who.WebhookKey)
            request.Headers.Add("X-Webhook-Key", MatrixWorld.WebhookKey);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        if (body is not null)
            request.Content = new StringContent(MatrixWorld.Json(body), Encoding.UTF8, "application/json");
        using var response = await world.CreateClient().SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>"METHOD /template" of every route endpoint, constraints left out ("{id:guid}" is "{id}"); "*" when it takes any method.</summary>
    public static IReadOnlyList<string> RouteTable(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e =>
            {
                var template = "/" + Regex.Replace(e.RoutePattern.RawText ?? "", @"\{(\*{0,2}\w+)(:[^}]*)?\??\}", "{$1}").Trim('/');
                var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
                return methods.Count == 0 ? [$"* {template}"] : methods.Where(m => m != "OPTIONS").Select(m => $"{m} {template}");
            })
            .Distinct().ToList();

    private static object FacebookLead() => new
    {
        @object = "page",
        entry = new[]
        {
            new
            {
                changes = new[]
                {
                    new
                    {
                        field = "leadgen",
                        value = new
                        {
                            leadgen_id = Guid.NewGuid().ToString("N"),
                            field_data = new[] { new { name = "full_name", values = new[] { "Maria Georgiou" } }, new { name = "email", values = new[] { Http.UniqueEmail("fb") } } },
                        },
                    },
                },
            },
        },
    };

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "...";

    private static Row R(string route, string expected, Func<MatrixWorld, object[]>? ids = null, Func<MatrixWorld, object?>? body = null,
        Func<MatrixWorld, Task<object[]>>? freshIds = null, Func<MatrixWorld, Task<object?>>? freshBody = null, Func<MatrixWorld, string>? query = null,
        bool ownSession = false, string send = "GET") =>
        new(route, expected, ids ?? (_ => []), body, freshIds, freshBody, query, ownSession, send);

    /// <param name="FreshIds">Path ids made anew for every call, for rows that use them up (an erasure, a revoked grant).</param>
    /// <param name="OwnSession">The caller logs in again and the row runs on that session (logout ends it).</param>
    /// <param name="Send">The method sent to a route that takes any ("*").</param>
    private sealed record Row(
        string Route, string Expected, Func<MatrixWorld, object[]> Ids, Func<MatrixWorld, object?>? Body,
        Func<MatrixWorld, Task<object[]>>? FreshIds, Func<MatrixWorld, Task<object?>>? FreshBody, Func<MatrixWorld, string>? Query, bool OwnSession,
        string Send)
    {
        public string Method => Route.Split(' ')[0];
        public string Template => Route.Split(' ')[1];

        public Dictionary<Who, Expectation> Parse()
        {
            var cells = Expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(c => c != "|").ToList();
            var columns = Enum.GetValues<Who>();
            Assert.True(cells.Count == columns.Length, $"The row {Route} has {cells.Count} cells, not {columns.Length}.");
            return columns.Zip(cells).ToDictionary(p => p.First, p => new Expectation(p.Second));
        }
    }

    private sealed record Expectation(string Cell)
    {
        public bool Matches(int status) => Cell == "ok" ? status is not (401 or 403 or 404) and < 500 : status.ToString() == Cell;
        public override string ToString() => Cell == "ok" ? "to be let through (not 401/403/404/5xx)" : Cell;
    }
}
