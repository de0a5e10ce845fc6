using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using MedAesthetics.Api.Modules.Identity;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MedAesthetics.IntegrationTests.Security;

/// <summary>Who calls, in the columns of the authorization matrix. "Other" callers belong to clinic B (or are client 2): the per-record rules.</summary>
public enum Who
{
    /// <summary>No token, an expired token, a token signed with another key, a token of a logged-out session: four requests, one expectation.</summary>
    Anonymous,
    /// <summary>No token, the lead webhooks' X-Webhook-Key.</summary>
    WebhookKey,
    Admin,
    Owner,
    Doctor,
    Secretariat,
    Salesperson,
    Client,
    OtherOwner,
    OtherDoctor,
    OtherSalesperson,
    OtherClient,
}

/// <summary>
/// One world for the whole matrix, seeded once: clinics A and B, each with an owner, a doctor and a secretary, a service and
/// working hours; a salesperson with access to clinic A only and one with access to clinic B only; client 1 with
/// appointments at A (and loyalty points, an inbox entry), client 2 with one at B; a lead, a task and a campaign of clinic A.
/// Records named here are clinic A's or client 1's: the "other" callers must not reach them.
/// </summary>
public sealed class MatrixWorld : ApiFactory
{
    public const string WebhookKey = "matrix-webhook-key-7d1e";
    private const string OtherSigningKey = "a-different-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz";

    public MatrixWorld() => With("LEAD_WEBHOOK_KEY", WebhookKey);

    private readonly Dictionary<Who, (Guid Id, string Email)> _users = [];
    private readonly Dictionary<Who, string> _tokens = [];
    public IReadOnlyList<(string What, string Token)> InvalidTokens { get; private set; } = [];

    public Guid ClinicA { get; private set; }
    public Guid ClinicB { get; private set; }
    public Guid ServiceA { get; private set; }
    public Guid DoctorA => _users[Who.Doctor].Id;
    public Guid Client1 => _users[Who.Client].Id;
    public Guid Client2 => _users[Who.OtherClient].Id;
    public Guid AppointmentA { get; private set; }
    /// <summary>Client 1's appointment at A that the transition rows (reschedule, cancel, complete, no-show) act on.</summary>
    public Guid AppointmentToChange { get; private set; }
    public Guid LeadA { get; private set; }
    public Guid TaskA { get; private set; }
    public Guid CampaignA { get; private set; }
    public Guid WebhookA { get; private set; }
    public Guid NotificationOfClient1 { get; private set; }
    public string LoginEmail { get; private set; } = "";

    public string TokenOf(Who who) => _tokens[who];
    public string EmailOf(Who who) => _users[who].Email;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var (who, role) in new[]
                 {
                     (Who.Admin, UserRole.Admin), (Who.Owner, UserRole.ClinicOwner), (Who.Doctor, UserRole.Doctor), (Who.Secretariat, UserRole.Secretariat),
                     (Who.Salesperson, UserRole.Salesperson), (Who.OtherOwner, UserRole.ClinicOwner), (Who.OtherDoctor, UserRole.Doctor),
                     (Who.OtherSalesperson, UserRole.Salesperson),
                 })
        {
            var (id, email) = await NewUserAsync(role);
            _users[who] = (id, email);
            _tokens[who] = (await this.LoginAsync(email)).AccessToken();
        }
        foreach (var who in new[] { Who.Client, Who.OtherClient })
        {
            var email = Http.UniqueEmail("client");
            var tokens = await this.RegisterAsync(email);
            _users[who] = (tokens.GetProperty("user").GetProperty("id").GetGuid(), email);
            _tokens[who] = tokens.AccessToken();
        }
        LoginEmail = (await NewUserAsync(UserRole.Client)).Email;

        var admin = Client(Who.Admin);
        ClinicA = await ClinicAsync(admin, Who.Owner, Who.Doctor, Who.Secretariat, Who.Salesperson);
        ClinicB = await ClinicAsync(admin, Who.OtherOwner, Who.OtherDoctor, null, Who.OtherSalesperson);
        ServiceA = await ServiceOfAsync(ClinicA);

        var secretary = Client(Who.Secretariat);
        AppointmentA = await StaffBookAsync(secretary, ClinicA, ServiceA, DoctorA, Client1, "2026-03-10T08:00:00Z");
        AppointmentToChange = await StaffBookAsync(secretary, ClinicA, ServiceA, DoctorA, Client1, "2026-03-10T10:00:00Z");
        await StaffBookAsync(Client(Who.OtherOwner), ClinicB, await ServiceOfAsync(ClinicB), _users[Who.OtherDoctor].Id, Client2, "2026-03-10T08:00:00Z");
        await (await admin.PostJsonAsync($"/loyalty/{Client1}/adjustments", new { points = 5000, reason = "matrix seed" })).ExpectAsync(HttpStatusCode.Created);

        var webhook = CreateClient();
        webhook.DefaultRequestHeaders.Add("X-Webhook-Key", WebhookKey);
        LeadA = await IdOfAsync(await webhook.PostJsonAsync("/crm/leads", new { firstName = "Lead", source = "website", email = Http.UniqueEmail("lead"), clinicId = ClinicA }));
        await webhook.PostJsonAsync("/crm/leads", new { firstName = "Lead", source = "website", email = Http.UniqueEmail("lead"), clinicId = ClinicB });
        TaskA = await IdOfAsync(await secretary.PostJsonAsync("/tasks", new { title = "Call back", type = "call", dueAt = "2026-03-03T09:00:00Z", clinicId = ClinicA }));
        CampaignA = await IdOfAsync(await Client(Who.Salesperson).PostJsonAsync("/crm/campaigns", new { name = "Spring botox", channel = "facebook", clinicId = ClinicA }));
        WebhookA = await NewWebhookOnClinicAAsync();

        await DrainOutboxAsync();
        var inbox = await (await Client(Who.Client).GetAsync("/notifications")).ExpectAsync(HttpStatusCode.OK);
        NotificationOfClient1 = inbox.GetProperty("items")[0].GetProperty("id").GetGuid();

        InvalidTokens = await InvalidTokensAsync();
    }

    public HttpClient Client(Who who)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[who]);
        return client;
    }

    /// <summary>A new user of a role, created through the Identity module (not signed in).</summary>
    public async Task<(Guid Id, string Email)> NewUserAsync(UserRole role)
    {
        var email = Http.UniqueEmail(role.Name());
        var user = await WithServiceAsync<AuthService, User>(async auth =>
        {
            var created = await auth.CreateUserAsync(new NewUser(email, "Matrix", role.Name(), role, null, "Europe/Athens", "en"), Http.Password, CancellationToken.None);
            Assert.True(created.Succeeded, created.Error?.Detail);
            return created.Value.User;
        });
        return (user.Id, email);
    }

    /// <summary>A salesperson that the admin granted clinic A, for the row that revokes such a grant.</summary>
/// <summary>An outgoing webhook endpoint of clinic A, registered by its owner. A public literal address needs no DNS; it
    /// listens to tier changes only, which the matrix never causes, so nothing is ever sent to it.</summary>
    public async Task<Guid> NewWebhookOnClinicAAsync() =>
        await IdOfAsync(await Client(Who.Owner).PostJsonAsync("/admin/webhooks",
            new { url = "https://93.184.215.14/medaesthetics", eventTypes = new[] { "loyalty.tier_changed" }, clinicId = ClinicA }));

        public async Task<Guid> NewGrantOnClinicAAsync()
    {
        var (id, _) = await NewUserAsync(UserRole.Salesperson);
        await (await Client(Who.Admin).PostJsonAsync("/admin/agent-clinic-access", new { agentUserId = id, clinicId = ClinicA })).ExpectAsync(HttpStatusCode.Created);
        return id;
    }

    private async Task<Guid> ClinicAsync(HttpClient admin, Who owner, Who doctor, Who? secretary, Who salesperson)
    {
        var clinicId = await IdOfAsync(await admin.PostJsonAsync("/clinics", new
        {
            name = $"Matrix {Guid.NewGuid():N}"[..20], timezone = "Europe/Athens", ownerId = _users[owner].Id, countryCode = "GR",
        }));
        // Clinic B's secretary calls nothing: the matrix's "other" columns are B's owner, doctor and salesperson.
        var secretaryId = secretary is { } s ? _users[s].Id : (await NewUserAsync(UserRole.Secretariat)).Id;
        foreach (var (userId, role) in new[] { (_users[doctor].Id, "doctor"), (secretaryId, "secretariat") })
            await (await Client(owner).PostJsonAsync($"/clinics/{clinicId}/staff", new { userId, role })).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PostJsonAsync("/admin/agent-clinic-access", new { agentUserId = _users[salesperson].Id, clinicId })).ExpectAsync(HttpStatusCode.Created);
        await (await Client(owner).PostJsonAsync($"/clinics/{clinicId}/services", new
        {
            name = "Botox", durationMinutes = 30, price = new { amount = 80m, currency = "EUR" },
        })).ExpectAsync(HttpStatusCode.Created);
        await (await Client(owner).PutAsync($"/clinics/{clinicId}/providers/{_users[doctor].Id}/working-hours", Booking.BookingWorld.JsonBody(WorkingWeek)))
            .ExpectAsync(HttpStatusCode.OK);
        return clinicId;
    }

    public static readonly object[] WorkingWeek = Enumerable.Range(1, 6).Select(d => (object)new { dayOfWeek = d, start = "09:00", end = "17:00" }).ToArray();

    private async Task<Guid> ServiceOfAsync(Guid clinicId)
    {
        var services = await (await CreateClient().GetAsync($"/clinics/{clinicId}/services")).ExpectAsync(HttpStatusCode.OK);
        return services.GetProperty("items")[0].GetProperty("id").GetGuid();
    }

    private static async Task<Guid> StaffBookAsync(HttpClient staff, Guid clinicId, Guid serviceId, Guid providerId, Guid clientId, string start) =>
        await IdOfAsync(await staff.PostJsonAsync("/appointments", new { clinicId, serviceId, providerId, start, clientId }));

    private static async Task<Guid> IdOfAsync(HttpResponseMessage response) =>
        (await response.ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

    /// <summary>Tokens that must count as no token at all: expired, signed with another key, of a session that logged out.</summary>
    private async Task<IReadOnlyList<(string, string)>> InvalidTokensAsync()
    {
        var admin = new JsonWebTokenHandler().ReadJsonWebToken(_tokens[Who.Admin]);
        var now = Clock.GetCurrentInstant().ToDateTimeUtc();
        string Sign(string key, DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = JwtSettings.Issuer,
            Audience = JwtSettings.Audience,
            IssuedAt = expires.AddMinutes(-15),
            NotBefore = expires.AddMinutes(-15),
            Expires = expires,
            Subject = new ClaimsIdentity(admin.Claims.Where(c => c.Type is AccessTokenClaims.Subject or AccessTokenClaims.Role or AccessTokenClaims.Email or AccessTokenClaims.Session)),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });

        var loggedOut = await this.LoginAsync(EmailOf(Who.Admin));
        var logout = CreateClient();
        logout.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", loggedOut.AccessToken());
        await (await logout.PostJsonAsync("/auth/logout", new { refreshToken = loggedOut.RefreshToken() })).ExpectAsync(HttpStatusCode.NoContent);

        var expired = Sign(JwtSecret, now.AddMinutes(-1));
        // The same claims, alive and correctly signed, must work, or the expired and foreign-key rows would prove nothing.
        var alive = CreateClient();
        alive.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Sign(JwtSecret, now.AddMinutes(10)));
        await (await alive.GetAsync("/users/me")).ExpectAsync(HttpStatusCode.OK);
        return [("expired token", expired), ("token signed with another key", Sign(OtherSigningKey, now.AddMinutes(10))), ("token of a logged-out session", loggedOut.AccessToken())];
    }

    public static string Json(object body) => JsonSerializer.Serialize(body, MedAesthetics.Api.Platform.Http.ApiJson.Options);
}
