using System.Net;
using MedAesthetics.Api.Modules.Identity;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MedAesthetics.IntegrationTests.Identity;

public sealed class RegistrationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Register_creates_a_client_and_answers_201_with_tokens()
    {
        var email = Http.UniqueEmail();
        var response = await api.CreateClient().PostJsonAsync("/auth/register", new
        {
            email, password = Http.Password, firstName = "Eleni", lastName = "Nikolaou", phone = "+30 691 234 5678", acceptTerms = true,
        });

        var body = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("Bearer", body.GetProperty("tokenType").GetString());
        Assert.Equal(900, body.GetProperty("expiresIn").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.AccessToken()));
        Assert.False(string.IsNullOrEmpty(body.RefreshToken()));
        var user = body.GetProperty("user");
        Assert.Equal(email, user.GetProperty("email").GetString());
        Assert.Equal("client", user.GetProperty("role").GetString());
        Assert.Equal("Europe/Athens", user.GetProperty("timezone").GetString());
        Assert.Equal("en", user.GetProperty("locale").GetString());
        Assert.Equal("2026-03-02T08:00:00Z", user.GetProperty("createdAt").GetString());
    }

    [Fact]
    public async Task Register_refuses_a_role_or_id_sent_in_the_body_and_creates_no_user()
    {
        var email = Http.UniqueEmail();
        var response = await api.CreateClient().PostJsonAsync("/auth/register", new
        {
            email, password = Http.Password, firstName = "Mal", lastName = "Lory", acceptTerms = true, role = "admin", id = Guid.NewGuid(),
        });

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _), problem.ToString());
        Assert.False(await api.WithDbAsync(db => db.Set<User>().AnyAsync(u => u.Email == email)));
    }

    [Theory]
    [InlineData("123456789", false)]
    [InlineData("1234567890", true)]
    public async Task Password_needs_at_least_10_characters(string password, bool accepted)
    {
        var email = Http.UniqueEmail();
        var response = await api.CreateClient().PostJsonAsync("/auth/register", Http.RegistrationFor(email, password));

        if (accepted)
        {
            await response.ExpectAsync(HttpStatusCode.Created);
            return;
        }
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
        Assert.False(await api.WithDbAsync(db => db.Set<User>().AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task Email_is_unique_case_insensitively()
    {
        var email = Http.UniqueEmail("Case");
        await api.RegisterAsync(email.ToLowerInvariant());

        var again = await api.CreateClient().PostJsonAsync("/auth/register", Http.RegistrationFor(email.ToUpperInvariant()));

        await again.ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, await api.WithDbAsync(db => db.Set<User>().CountAsync(u => u.Email == email.ToLowerInvariant())));
    }

    [Fact]
    public async Task The_database_itself_refuses_a_second_user_with_the_same_email_in_another_case()
    {
        var email = Http.UniqueEmail();
        await api.RegisterAsync(email);

        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO users (id, email, password_hash, role, first_name, last_name, timezone, locale, is_active,
                               failed_login_count, created_at, updated_at)
            VALUES (gen_random_uuid(), upper(@email), 'x', 'client', 'A', 'B', 'UTC', 'en', true, 0, now(), now())
            """, connection);
        insert.Parameters.AddWithValue("email", email);

        var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_email_create_one_account()
    {
        var email = Http.UniqueEmail("race");
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            api.CreateClient().PostJsonAsync("/auth/register", Http.RegistrationFor(email))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await api.WithDbAsync(db => db.Set<User>().CountAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task Register_with_bad_fields_answers_400_per_field_and_stores_nothing()
    {
        var email = "not-an-email";
        var response = await api.CreateClient().PostJsonAsync("/auth/register", new
        {
            email, password = "short", firstName = "", lastName = new string('x', 5000), timezone = "Mars/Olympus", locale = "xx", acceptTerms = false,
        });

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "email", "password", "firstName", "lastName", "timezone", "locale", "acceptTerms" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        Assert.False(await api.WithDbAsync(db => db.Set<User>().AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task Register_keeps_the_timezone_and_locale_given()
    {
        var response = await api.CreateClient().PostJsonAsync("/auth/register", new
        {
            email = Http.UniqueEmail(), password = Http.Password, firstName = "Jo", lastName = "Doe", acceptTerms = true, timezone = "America/New_York", locale = "el",
        });

        var user = (await response.ExpectAsync(HttpStatusCode.Created)).GetProperty("user");
        Assert.Equal("America/New_York", user.GetProperty("timezone").GetString());
        Assert.Equal("el", user.GetProperty("locale").GetString());
    }
}
