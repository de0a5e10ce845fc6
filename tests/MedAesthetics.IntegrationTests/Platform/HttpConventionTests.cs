using System.Net;
using System.Text;
using MedAesthetics.Api.Modules.Identity;
using MedAesthetics.Api.Platform.Hosting;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAesthetics.IntegrationTests.Platform;

public sealed class HttpConventionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Root_names_the_service()
    {
        var body = await (await api.CreateClient().GetAsync("/")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("MedAesthetics API", body.GetProperty("name").GetString());
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Health_live_and_ready_answer_200_when_the_database_and_job_storage_answer()
    {
        await (await api.CreateClient().GetAsync("/health/live")).ExpectAsync(HttpStatusCode.OK);
        var ready = await (await api.CreateClient().GetAsync("/health/ready")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("healthy", ready.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("healthy", ready.GetProperty("checks").GetProperty("jobs").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readiness_asked_for_while_a_check_is_under_way_shares_that_check_instead_of_queueing_a_second()
    {
        _ = api.CreateClient();
        var readiness = api.Services.GetRequiredService<Readiness>();
        // Hold the check on its query: while the outbox table is locked, no check can finish.
        await using var blocker = new Npgsql.NpgsqlConnection(api.ConnectionString);
        await blocker.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var lockTable = new Npgsql.NpgsqlCommand("LOCK TABLE outbox_messages IN ACCESS EXCLUSIVE MODE", blocker, hold))
            await lockTable.ExecuteNonQueryAsync();

        var first = readiness.RefreshAsync(CancellationToken.None);
        await Task.Delay(300);
        if (first.IsCompleted)
        {
            // It joined the background refresh, which had read the table before the lock: the next one cannot.
            first = readiness.RefreshAsync(CancellationToken.None);
            await Task.Delay(300);
        }
        Assert.False(first.IsCompleted);   // a check is under way (waiting on the lock)
        var second = readiness.RefreshAsync(CancellationToken.None);
        await hold.RollbackAsync();
        var (one, two) = (await first, await second);
        var later = await readiness.RefreshAsync(CancellationToken.None);

        Assert.Same(one, two);
        Assert.NotSame(one, later);   // once a check has ended, the next refresh checks again
        Assert.Equal("healthy", later.Checks["database"].Status);
    }

    [Fact]
    public async Task Malformed_json_answers_400_problem_and_changes_nothing()
    {
        var response = await api.CreateClient().PostAsync("/auth/register", Json("""{"email": "broken@example.test", "password": """));

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Malformed JSON", problem.GetProperty("title").GetString());
        Assert.False(await api.WithDbAsync(db => db.Set<User>().AnyAsync(u => u.Email == "broken@example.test")));
    }

    [Theory]
    [InlineData("""{"email": 42, "password": "x"}""")]
    [InlineData("""{"email": "a@b.c", "password": "CorrectHorse42", "firstName": "A", "lastName": "B", "acceptTerms": "yes"}""")]
    [InlineData("[1,2,3]")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Json_of_the_wrong_shape_answers_400_problem(string body)
    {
        var response = await api.CreateClient().PostAsync("/auth/register", Json(body));

        await response.ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_over_one_megabyte_answers_413_problem()
    {
        var huge = $$"""{"email": "big@example.test", "password": "{{new string('x', 2 * 1024 * 1024)}}"}""";

        var response = await api.CreateClient().PostAsync("/auth/login", Json(huge));

        await response.ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_that_is_not_json_answers_415_problem()
    {
        var response = await api.CreateClient().PostAsync("/auth/login", new StringContent("email=a&password=b", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await response.ExpectAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_unknown_path_answers_404_problem()
    {
        await (await api.CreateClient().GetAsync("/no/such/thing")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Validation_errors_are_keyed_by_camel_case_field()
    {
        var response = await api.CreateClient().PostJsonAsync("/auth/login", new { email = "", password = "" });

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("password", out _));
    }

    [Fact]
    public async Task The_openapi_document_lists_the_endpoints_with_bearer_auth()
    {
        var document = await (await api.CreateClient().GetAsync("/api/docs/openapi.json")).ExpectAsync(HttpStatusCode.OK);

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/auth/register", "/auth/login", "/auth/refresh", "/auth/logout", "/users/me", "/users/me/profile", "/admin/users" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.True(paths.GetProperty("/users/me").GetProperty("get").TryGetProperty("security", out _));
        Assert.Equal(0, paths.GetProperty("/auth/login").GetProperty("post").GetProperty("security").GetArrayLength());
    }

    [Fact]
    public async Task Swagger_ui_is_served_at_api_docs()
    {
        var response = await api.CreateClient().GetAsync("/api/docs/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Responses_use_camel_case_and_snake_case_enums()
    {
        var (_, token) = await api.SignedInAsync(Api.Platform.Auth.UserRole.ClinicOwner);

        var me = await (await api.Authorized(token).GetAsync("/users/me")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("clinic_owner", me.GetProperty("role").GetString());
        Assert.True(me.TryGetProperty("firstName", out _));
    }
}
