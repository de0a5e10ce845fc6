using System.Net;
using System.Text.Json;
using MedAesthetics.Api.Modules.Audit;
using MedAesthetics.Api.Modules.Crm;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Booking;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MedAesthetics.IntegrationTests.Audit;

public sealed class AuditApi : ApiFactory
{
    public const string WebhookKey = "audit-webhook-key-8d1e";

    public AuditApi()
    {
        With("LEAD_WEBHOOK_KEY", WebhookKey);
        With("JWT_EXPIRATION", "90d");
        // The configured deny-list: a clinic's email never enters the trail.
        With("Audit:DeniedFields:0", "Clinic.Email");
    }
}

public sealed class AuditTrailTests(AuditApi api) : IClassFixture<AuditApi>
{
    private async Task<JsonElement[]> EntriesAsync(string token, string query)
    {
        var page = await (await api.Authorized(token).GetAsync($"/admin/audit-logs?{query}&pageSize=100")).ExpectAsync(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().ToArray();
    }

    private static JsonElement Change(JsonElement entry, string field) => entry.GetProperty("changes").GetProperty(field);

    [Fact]
    public async Task A_pooled_context_records_the_actor_of_the_scope_that_leased_it_not_the_previous_ones()
    {
        _ = api.CreateClient();
        // The pool hands out the context idle longest and background services lease too, so a context comes back
        // after as many leases as the pool holds idle contexts: lease until one does (a pool this fixture grew to more
        // than 200 idle contexts would be a finding in itself).
        var names = new List<string>();
        var contexts = new HashSet<AppDbContext>(ReferenceEqualityComparer.Instance);
        var reused = false;
        while (!reused && names.Count < 200)
        {
            var name = $"lease-{names.Count}-{Guid.NewGuid():N}";
            names.Add(name);
            await using var scope = api.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ChangeActor>().ActAsSystem(name);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            reused = !contexts.Add(db);
            db.Add(Tag.Create(name, null));
            await db.SaveChangesAsync();
        }

        Assert.True(reused, "no scope reused a pooled context");
        var tagType = AuditNames.EntityType(typeof(Tag));
        var actors = await api.WithDbAsync(db => db.Set<AuditEntry>().Where(a => a.EntityType == tagType)
            .Join(db.Set<Tag>().Where(t => names.Contains(t.Name)), a => a.EntityId, t => t.Id, (a, t) => new { t.Name, a.Actor }).ToListAsync());
        Assert.Equal(names.Select(n => (n, $"system:{n}")).OrderBy(x => x.n), actors.Select(a => (a.Name, a.Actor)).OrderBy(x => x.Name));
    }

    [Fact]
    public async Task A_clinic_change_leaves_an_entry_with_old_and_new_values_and_the_actor()
    {
        var (adminId, admin) = await api.SignedInAsync(UserRole.Admin);
        var clinic = await (await api.Authorized(admin).PostJsonAsync("/clinics", new { name = "Audit Clinic", timezone = "Europe/Athens", email = "front@audit.example" }))
            .ExpectAsync(HttpStatusCode.Created);
        var clinicId = clinic.GetProperty("id").GetGuid();
        await (await api.Authorized(admin).PatchJsonAsync($"/clinics/{clinicId}", new { name = "Audit Clinic Renamed", timezone = "Europe/Athens" })).ExpectAsync(HttpStatusCode.OK);

        var entries = await EntriesAsync(admin, $"entityType=clinic&entityId={clinicId}");
        var update = Assert.Single(entries, e => e.GetProperty("action").GetString() == "update");
        Assert.Equal("Audit Clinic", Change(update, "name").GetProperty("old").GetString());
        Assert.Equal("Audit Clinic Renamed", Change(update, "name").GetProperty("new").GetString());
        Assert.Equal(adminId, update.GetProperty("actorId").GetGuid());
        Assert.Equal(clinicId, update.GetProperty("clinicId").GetGuid());
        Assert.False(string.IsNullOrEmpty(update.GetProperty("traceId").GetString()));
        var create = Assert.Single(entries, e => e.GetProperty("action").GetString() == "create");
        Assert.Equal("Audit Clinic", Change(create, "name").GetProperty("new").GetString());
        // The configured deny-list keeps the clinic's email out.
        Assert.False(create.GetProperty("changes").TryGetProperty("email", out _));
        Assert.DoesNotContain(entries, e => e.GetProperty("changes").GetRawText().Contains("front@audit.example"));
    }

    [Fact]
    public async Task An_appointment_and_its_cancellation_are_audited_with_the_client_as_actor()
    {
        var world = await BookingWorld.CreateAsync(api);
        var (clientId, client) = await world.NewClientAsync();
        var appointment = await world.BookAsync(client, BookingWorld.At(2026, 3, 5, 11));
        var id = appointment.GetProperty("id").GetGuid();
        await (await api.Authorized(client).PatchJsonAsync($"/appointments/{id}/cancel", new { reason = "travel" })).ExpectAsync(HttpStatusCode.OK);

        var entries = await EntriesAsync(world.AdminToken, $"entityType=appointment&entityId={id}");
        var cancel = Assert.Single(entries, e => e.GetProperty("changes").TryGetProperty("status", out var s) && s.GetProperty("new").GetString() == "cancelled");
        Assert.Equal("confirmed", Change(cancel, "status").GetProperty("old").GetString());
        Assert.Equal(clientId, cancel.GetProperty("actorId").GetGuid());
        Assert.Equal(clientId.ToString(), cancel.GetProperty("actor").GetString());

        // The clinic's owner reads its clinic's entries; a client reads none.
        Assert.NotEmpty(await EntriesAsync(world.OwnerToken, $"entityId={id}"));
        await (await api.Authorized(client).GetAsync("/admin/audit-logs")).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_clinic_owner_does_not_see_another_clinics_entries()
    {
        var world = await BookingWorld.CreateAsync(api);
        var other = await BookingWorld.CreateAsync(api);
        var entries = await EntriesAsync(world.OwnerToken, "entityType=clinic");
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Equal(world.ClinicId, e.GetProperty("clinicId").GetGuid()));
        Assert.DoesNotContain(entries, e => e.GetProperty("entityId").GetGuid() == other.ClinicId);
    }

    [Fact]
    public async Task A_lead_status_change_is_audited_and_a_webhook_intake_is_a_system_change()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var webhook = api.CreateClient();
        webhook.DefaultRequestHeaders.Add("X-Webhook-Key", AuditApi.WebhookKey);
        var lead = await (await webhook.PostJsonAsync("/crm/leads", new { firstName = "Audit", email = Http.UniqueEmail("lead"), source = "website" })).ExpectAsync(HttpStatusCode.Created);
        var id = lead.GetProperty("id").GetGuid();
        await (await api.Authorized(admin).PatchJsonAsync($"/crm/leads/{id}", new { status = "contacted" })).ExpectAsync(HttpStatusCode.OK);

        var entries = await EntriesAsync(admin, $"entityType=lead&entityId={id}");
        var create = Assert.Single(entries, e => e.GetProperty("action").GetString() == "create");
        Assert.StartsWith("system", create.GetProperty("actor").GetString());
        var update = Assert.Single(entries, e => e.GetProperty("action").GetString() == "update" && e.GetProperty("changes").TryGetProperty("status", out _));
        Assert.Equal("new", Change(update, "status").GetProperty("old").GetString());
        Assert.Equal("contacted", Change(update, "status").GetProperty("new").GetString());
    }

    [Fact]
    public async Task A_task_a_rule_inserts_with_raw_sql_is_audited_explicitly_as_the_handlers_work()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var webhook = api.CreateClient();
        webhook.DefaultRequestHeaders.Add("X-Webhook-Key", AuditApi.WebhookKey);
        var lead = await (await webhook.PostJsonAsync("/crm/leads", new { firstName = "Rule", email = Http.UniqueEmail("lead"), source = "website" })).ExpectAsync(HttpStatusCode.Created);
        var leadId = lead.GetProperty("id").GetGuid().ToString();
        await api.DrainOutboxAsync();

        var entries = await EntriesAsync(admin, "entityType=staff_task");
        var created = Assert.Single(entries, e => e.GetProperty("changes").TryGetProperty("leadId", out var l) && l.GetProperty("new").GetString() == leadId);
        Assert.Equal("create", created.GetProperty("action").GetString());
        Assert.StartsWith("system:", created.GetProperty("actor").GetString());
        Assert.Equal("Call the new lead", Change(created, "title").GetProperty("new").GetString());
    }

    [Fact]
    public async Task A_notification_is_audited_and_its_delivery_records_are_not()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var (clientId, _) = await api.SignedInAsync(UserRole.Client);
        var sent = await (await api.Authorized(admin).PostJsonAsync("/notifications/send",
            new { userIds = new[] { clientId }, channels = new[] { "in_app", "email" }, title = "Audited", body = "Body" })).ExpectAsync(HttpStatusCode.Accepted);
        var notificationId = sent.GetProperty("ids")[0].GetGuid();

        var deliveries = await api.WithDbAsync(db => db.Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM notification_deliveries WHERE notification_id = {notificationId}").ToListAsync());
        Assert.Equal(2, deliveries.Count);
        Assert.Single(await EntriesAsync(admin, $"entityType=notification&entityId={notificationId}"));
        foreach (var delivery in deliveries)
            Assert.Empty(await EntriesAsync(admin, $"entityType=notification_delivery&entityId={delivery}"));
    }

    [Fact]
    public async Task A_setting_change_is_audited_with_old_and_new_value()
    {
        var (adminId, admin) = await api.SignedInAsync(UserRole.Admin);
        var before = await (await api.Authorized(admin).GetAsync("/admin/settings")).ExpectAsync(HttpStatusCode.OK);
        var old = before.GetProperty("staffBackdateDays").GetInt32();
        await (await api.Authorized(admin).PatchJsonAsync("/admin/settings", new { staffBackdateDays = old + 1 })).ExpectAsync(HttpStatusCode.OK);

        var entries = await EntriesAsync(admin, $"entityType=platform_settings_row&actorId={adminId}");
        var change = Assert.Single(entries);
        Assert.Equal(old, Change(change, "values.staffBackdateDays").GetProperty("old").GetInt32());
        Assert.Equal(old + 1, Change(change, "values.staffBackdateDays").GetProperty("new").GetInt32());
        await (await api.Authorized(admin).PatchJsonAsync("/admin/settings", new { staffBackdateDays = old })).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_rolled_back_change_leaves_no_entry()
    {
        var world = await BookingWorld.CreateAsync(api);
        await api.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var clinic = await db.Set<MedAesthetics.Api.Modules.Clinics.Clinic>().SingleAsync(c => c.Id == world.ClinicId);
            db.Entry(clinic).Property(nameof(clinic.Name)).CurrentValue = "Never Committed";
            await db.SaveChangesAsync();
            var written = await db.Set<AuditEntry>().Where(a => a.EntityId == world.ClinicId).Select(a => a.Changes).ToListAsync();
            Assert.Single(written, c => c.Contains("Never Committed"));
            await transaction.RollbackAsync();
        });
        var entries = await EntriesAsync(world.AdminToken, $"entityId={world.ClinicId}");
        Assert.DoesNotContain(entries, e => e.GetProperty("changes").GetRawText().Contains("Never Committed"));
    }

    [Fact]
    public async Task Secrets_never_appear_in_audit_entries()
    {
        var email = Http.UniqueEmail("secret");
        var tokens = await api.RegisterAsync(email);
        var userId = tokens.GetProperty("user").GetProperty("id").GetGuid();
        await api.LoginAsync(email);
        var (hash, tokenHashes) = await api.WithDbAsync(async db =>
        {
            var h = await db.Database.SqlQuery<string>($"SELECT password_hash AS \"Value\" FROM users WHERE id = {userId}").SingleAsync();
            var t = await db.Database.SqlQuery<string>($"SELECT token_hash AS \"Value\" FROM refresh_tokens WHERE user_id = {userId}").ToListAsync();
            return (h, t);
        });
        var trail = await api.WithDbAsync(db => db.Set<AuditEntry>().Select(a => a.Changes).ToListAsync());
        Assert.Contains(trail, c => c.Contains(email));
        Assert.DoesNotContain(trail, c => c.Contains(hash) || c.Contains("passwordHash", StringComparison.OrdinalIgnoreCase));
        Assert.NotEmpty(tokenHashes);
        Assert.DoesNotContain(trail, c => tokenHashes.Any(c.Contains) || c.Contains("tokenHash", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_database_refuses_to_update_or_delete_an_audit_row_outside_maintenance()
    {
        await api.RegisterAsync();
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        var id = (Guid)(await new NpgsqlCommand("SELECT id FROM audit_logs LIMIT 1", connection).ExecuteScalarAsync())!;

        foreach (var sql in new[] { "UPDATE audit_logs SET actor = 'forged' WHERE id = @id", "DELETE FROM audit_logs WHERE id = @id", "TRUNCATE audit_logs" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("id", id);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }

        // Only inside a transaction that switches maintenance on (the purge and the erasure scrub).
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await new NpgsqlCommand($"SELECT set_config('{AuditMaintenance.Setting}', 'on', true)", connection, transaction).ExecuteNonQueryAsync();
            var update = new NpgsqlCommand("UPDATE audit_logs SET actor = actor WHERE id = @id", connection, transaction);
            update.Parameters.AddWithValue("id", id);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
            await transaction.RollbackAsync();
        }
        // The switch does not outlive its transaction.
        await using var after = new NpgsqlCommand("DELETE FROM audit_logs WHERE id = @id", connection);
        after.Parameters.AddWithValue("id", id);
        await Assert.ThrowsAsync<PostgresException>(() => after.ExecuteNonQueryAsync());
    }
}
