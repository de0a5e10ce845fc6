using System.Net;
using System.Text.Json;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Audit;
using MedAesthetics.IntegrationTests.Booking;
using MedAesthetics.IntegrationTests.Infrastructure;
using Npgsql;

namespace MedAesthetics.IntegrationTests.Identity;

public sealed class GdprTests(AuditApi api) : IClassFixture<AuditApi>
{
    private sealed record Person(Guid Id, string Token, string Email, string Phone, string FirstName, string LastName);

    private static string Letters() => new(Guid.NewGuid().ToString("N").Select(c => (char)('a' + c % 26)).Take(10).ToArray());

    /// <summary>A client with a unique name, email and phone, registered over HTTP with marketing consent.</summary>
    private async Task<Person> RegisterAsync()
    {
        var (email, first, last) = (Http.UniqueEmail("gdpr"), "Zoe" + Letters(), "Kappa" + Letters());
        var phone = $"+30 69{Random.Shared.Next(10, 100)} {Random.Shared.Next(100, 1000)} {Random.Shared.Next(100, 1000)}";
        var tokens = await (await api.CreateClient().PostJsonAsync("/auth/register", new
        {
            email, password = Http.Password, firstName = first, lastName = last, phone, acceptTerms = true, marketingConsent = true,
        })).ExpectAsync(HttpStatusCode.Created);
        return new Person(tokens.GetProperty("user").GetProperty("id").GetGuid(), tokens.AccessToken(), email, phone, first, last);
    }

    private async Task<JsonElement> LeadForAsync(Person person) =>
        await (await Webhook().PostJsonAsync("/crm/leads", new
        {
            firstName = person.FirstName, lastName = person.LastName, email = person.Email, phone = person.Phone, source = "instagram",
            notes = $"{person.FirstName} asked about laser",
        })).ExpectAsync(HttpStatusCode.Created);

    /// <summary>A task a member of staff wrote about the person, naming them in the title and quoting their email in the notes.</summary>
    private async Task<JsonElement> TaskAboutAsync(BookingWorld world, Person person) =>
        await (await api.Authorized(world.AdminToken).PostJsonAsync("/tasks", new
        {
            title = $"Call {person.FirstName} {person.LastName} back", type = "call", dueAt = "2026-03-20T09:00:00Z", clientId = person.Id,
            clinicId = world.ClinicId, notes = $"Wrote from {person.Email}",
        })).ExpectAsync(HttpStatusCode.Created);

    private HttpClient Webhook()
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Webhook-Key", AuditApi.WebhookKey);
        return client;
    }

    [Fact]
    public async Task The_export_has_every_part_and_nothing_of_another_user()
    {
        var world = await BookingWorld.CreateAsync(api);
        var person = await RegisterAsync();
        var other = await RegisterAsync();
        await world.BookAsync(person.Token, BookingWorld.At(2026, 3, 9, 11));
        await world.BookAsync(other.Token, BookingWorld.At(2026, 3, 9, 13));
        var lead = await LeadForAsync(person);
        await LeadForAsync(other);
        var task = await TaskAboutAsync(world, person);
        await TaskAboutAsync(world, other);

        var export = await (await api.Authorized(person.Token).GetAsync("/users/me/export")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(person.Email, export.GetProperty("profile").GetProperty("email").GetString());
        Assert.Equal(["marketing", "privacy", "terms"], export.GetProperty("consents").EnumerateArray().Select(c => c.GetProperty("type").GetString()).Order());
        var appointment = Assert.Single(export.GetProperty("appointments").EnumerateArray());
        Assert.Equal(person.Id, appointment.GetProperty("clientId").GetGuid());
        Assert.Equal(lead.GetProperty("id").GetGuid(), Assert.Single(export.GetProperty("leads").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Contains(export.GetProperty("audit").EnumerateArray(), e => e.GetProperty("entityId").GetGuid() == person.Id);
        Assert.Equal(task.GetProperty("id").GetGuid(), Assert.Single(export.GetProperty("tasks").EnumerateArray()).GetProperty("id").GetGuid());
        var text = export.GetRawText();
        Assert.DoesNotContain(other.Email, text);
        Assert.DoesNotContain(other.FirstName, text);
        Assert.DoesNotContain(other.Id.ToString(), text);
    }

    [Fact]
    public async Task After_erasure_the_user_cannot_sign_in_and_no_table_holds_their_email_phone_or_name()
    {
        var world = await BookingWorld.CreateAsync(api);
        var person = await RegisterAsync();
        var booked = await world.BookAsync(person.Token, BookingWorld.At(2026, 3, 10, 11));
        await (await api.Authorized(person.Token).PatchJsonAsync($"/appointments/{booked.GetProperty("id").GetGuid()}/cancel",
            new { reason = $"{person.FirstName} is travelling" })).ExpectAsync(HttpStatusCode.OK);
        await world.BookAsync(person.Token, BookingWorld.At(2026, 3, 11, 11));
        await LeadForAsync(person);
        await TaskAboutAsync(world, person);
        await api.DrainOutboxAsync();
        var refresh = (await api.LoginAsync(person.Email)).RefreshToken();
        var booksBefore = await ClinicBooksAsync(world.ClinicId);
        Assert.Contains("public.audit_logs.changes", await TextColumnsContainingAsync(person.LastName));
        Assert.Contains("public.leads.email", await TextColumnsContainingAsync(person.Email));
        Assert.Contains("public.tasks.title", await TextColumnsContainingAsync(person.LastName));
        Assert.Contains("public.tasks.notes", await TextColumnsContainingAsync(person.Email));

        await (await api.Authorized(person.Token).PostJsonAsync("/users/me/delete", new { password = Http.Password })).ExpectAsync(HttpStatusCode.Accepted);

        await (await api.CreateClient().PostJsonAsync("/auth/login", new { email = person.Email, password = Http.Password })).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await api.Authorized(person.Token).GetAsync("/users/me")).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await api.CreateClient().PostJsonAsync("/auth/refresh", new { refreshToken = refresh })).ExpectAsync(HttpStatusCode.Unauthorized);
        var e164 = "+" + new string(person.Phone.Where(char.IsDigit).ToArray());
        foreach (var value in new[] { person.Email, person.Phone, e164, person.FirstName, person.LastName })
            Assert.Empty(await TextColumnsContainingAsync(value));
        Assert.Equal(booksBefore, await ClinicBooksAsync(world.ClinicId));

        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var entries = (await (await api.Authorized(admin).GetAsync($"/admin/audit-logs?entityType=user&entityId={person.Id}&pageSize=100"))
            .ExpectAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToArray();
        var erasure = Assert.Single(entries, e => e.GetProperty("action").GetString() == "erase");
        Assert.Equal(person.Id, erasure.GetProperty("actorId").GetGuid());
    }

    [Fact]
    public async Task Erasure_needs_the_right_password_and_changes_nothing_otherwise()
    {
        var person = await RegisterAsync();
        await (await api.Authorized(person.Token).PostJsonAsync("/users/me/delete", new { password = "WrongHorse99" })).ExpectAsync(HttpStatusCode.Forbidden);
        await (await api.Authorized(person.Token).PostJsonAsync("/users/me/delete", new { })).ExpectAsync(HttpStatusCode.BadRequest);
        await api.LoginAsync(person.Email);
    }

    [Fact]
    public async Task An_admin_erases_a_user_and_a_client_may_not()
    {
        var person = await RegisterAsync();
        var other = await RegisterAsync();
        await (await api.Authorized(other.Token).PostAsync($"/admin/users/{person.Id}/erasure", null)).ExpectAsync(HttpStatusCode.Forbidden);
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        await (await api.Authorized(admin).PostAsync($"/admin/users/{person.Id}/erasure", null)).ExpectAsync(HttpStatusCode.Accepted);
        await (await api.Authorized(admin).PostAsync($"/admin/users/{person.Id}/erasure", null)).ExpectAsync(HttpStatusCode.NotFound);
        await (await api.CreateClient().PostJsonAsync("/auth/login", new { email = person.Email, password = Http.Password })).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Registration_records_consents_and_the_latest_decision_per_type_is_in_force()
    {
        var person = await RegisterAsync();
        var client = api.Authorized(person.Token);
        await (await client.PostJsonAsync("/users/me/consents", new { type = "marketing", version = "2026-02", granted = false })).ExpectAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync("/users/me/consents", new { type = "cookies", version = "1", granted = true })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/users/me/consents", new { type = "privacy", version = "2026-02" })).ExpectAsync(HttpStatusCode.BadRequest);

        var consents = await (await client.GetAsync("/users/me/consents")).ExpectAsync(HttpStatusCode.OK);
        var inForce = consents.GetProperty("inForce").EnumerateArray().ToDictionary(c => c.GetProperty("type").GetString()!);
        Assert.True(inForce["terms"].GetProperty("granted").GetBoolean());
        Assert.True(inForce["privacy"].GetProperty("granted").GetBoolean());
        Assert.False(inForce["marketing"].GetProperty("granted").GetBoolean());
        Assert.Equal("2026-02", inForce["marketing"].GetProperty("version").GetString());
        Assert.Equal(4, consents.GetProperty("history").GetArrayLength());
    }

    /// <summary>Count and total price of the clinic's appointments, what its books need to stay the same.</summary>
    private async Task<(long Count, decimal Total)> ClinicBooksAsync(Guid clinicId)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*), coalesce(sum(price), 0) FROM appointments WHERE clinic_id = @c", connection);
        command.Parameters.AddWithValue("c", clinicId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetDecimal(1));
    }

    /// <summary>Every text-like and JSON column of every table in the database that contains the value, case-insensitively.</summary>
    private async Task<List<string>> TextColumnsContainingAsync(string value)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Schema, string Table, string Column)>();
        await using (var command = new NpgsqlCommand("""
            SELECT c.table_schema, c.table_name, c.column_name
            FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
            WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
              AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY') OR c.udt_name = 'citext')
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        Assert.Contains(columns, c => c.Table == "audit_logs" && c.Column == "changes");

        var found = new List<string>();
        foreach (var (schema, table, column) in columns)
        {
            await using var probe = new NpgsqlCommand($"SELECT count(*) FROM \"{schema}\".\"{table}\" WHERE \"{column}\"::text ILIKE '%' || @v || '%'", connection);
            probe.Parameters.AddWithValue("v", value);
            if ((long)(await probe.ExecuteScalarAsync())! > 0)
                found.Add($"{schema}.{table}.{column}");
        }
        return found;
    }
}
