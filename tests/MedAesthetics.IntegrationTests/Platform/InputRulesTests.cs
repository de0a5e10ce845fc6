using System.Net;
using System.Text;
using System.Text.Json;
using FluentValidation;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Modules.Crm;
using MedAesthetics.Api.Modules.Identity;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Crm;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAesthetics.IntegrationTests.Platform;

/// <summary>No input gives a 500 or a silent default: each of these is a 400 (or 414) problem naming what is wrong.</summary>
public sealed class InputRulesTests(CrmApi api) : IClassFixture<CrmApi>
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task ExpectFieldAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"errors does not name '{field}': {errors}");
    }

    private async Task<HttpClient> AdminAsync() => api.Authorized((await api.SignedInAsync(UserRole.Admin)).AccessToken);

    [Theory]
    [InlineData("""{"password": "CorrectHorse42", "firstName": "A", "lastName": "B", "acceptTerms": true}""")]
    [InlineData("""{"email": null, "password": "CorrectHorse42", "firstName": "A", "lastName": "B", "acceptTerms": true}""")]
    public async Task Register_without_an_email_is_400_naming_email(string body) =>
        await ExpectFieldAsync(await api.CreateClient().PostAsync("/auth/register", Json(body)), "email");

    [Fact]
    public async Task Creating_a_user_without_a_role_is_400_not_an_admin()
    {
        var email = Http.UniqueEmail("norole");
        var response = await (await AdminAsync()).PostAsync("/admin/users",
            Json($$"""{"email": "{{email}}", "password": "CorrectHorse42", "firstName": "A", "lastName": "B"}"""));

        await ExpectFieldAsync(response, "role");
        Assert.False(await api.WithDbAsync(db => db.Set<User>().AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task A_lead_without_a_source_is_400_naming_source() =>
        await ExpectFieldAsync(await api.Webhook().PostAsync("/crm/leads", Json("""{"firstName": "Eleni", "email": "eleni@example.com"}""")), "source");

    [Fact]
    public async Task A_service_without_a_price_amount_or_with_a_huge_one_is_400()
    {
        var admin = await AdminAsync();
        var (_, adminToken) = await api.SignedInAsync(UserRole.Admin);
        var clinic = await api.NewClinicAsync(adminToken);

        await ExpectFieldAsync(await admin.PostAsync($"/clinics/{clinic}/services",
            Json("""{"name": "Botox", "durationMinutes": 30, "price": {"currency": "EUR"}}""")), "price.amount");
        await ExpectFieldAsync(await admin.PostAsync($"/clinics/{clinic}/services",
            Json("""{"name": "Botox", "durationMinutes": 30, "price": {"amount": 2147483648, "currency": "EUR"}}""")), "price.amount");
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:00:00Z")]
    public async Task A_task_due_outside_the_years_1900_to_2200_is_400(string due) =>
        await ExpectFieldAsync(await (await AdminAsync()).PostAsync("/tasks", Json($$"""{"title": "Call", "type": "call", "dueAt": "{{due}}"}""")), "dueAt");

    [Fact]
    public async Task A_hold_in_year_9999_is_400_naming_start() =>
        await ExpectFieldAsync(await (await AdminAsync()).PostAsync("/appointments/hold", Json($$"""
            {"clinicId": "{{Guid.NewGuid()}}", "serviceId": "{{Guid.NewGuid()}}", "providerId": "{{Guid.NewGuid()}}", "start": "9999-12-31T10:00:00Z"}
            """)), "start");

    [Fact]
    public async Task A_nul_character_in_text_is_400_naming_the_field_even_without_login()
    {
        await ExpectFieldAsync(await api.CreateClient().PostAsync("/auth/login", Json("""{"email": "a\u0000@example.com", "password": "x"}""")), "email");
        await ExpectFieldAsync(await api.Webhook().PostAsync("/crm/leads", Json("""{"firstName": "E\u0000", "email": "e@example.com", "source": "website"}""")), "firstName");
        await ExpectFieldAsync(await (await AdminAsync()).GetAsync("/crm/leads?q=a%00b"), "q");
    }

    [Fact]
    public async Task A_lead_moved_to_an_unknown_status_is_400_naming_status()
    {
        var lead = await api.LeadAsync(new { firstName = "Eleni", email = CrmApi.UniqueEmail(), source = "website" });

        await ExpectFieldAsync(await (await AdminAsync()).PatchAsync($"/crm/leads/{lead.GetProperty("id").GetGuid()}", Json("""{"status": "vip"}""")), "status");
    }

    [Fact]
    public async Task Null_service_ids_and_null_working_hours_entries_are_400()
    {
        var admin = await AdminAsync();
        var clinic = Guid.NewGuid();
        await ExpectFieldAsync(await admin.PutAsync($"/clinics/{clinic}/providers/{Guid.NewGuid()}/services", Json("""{"serviceIds": null}""")), "serviceIds");
        await ExpectFieldAsync(await admin.PutAsync($"/clinics/{clinic}/providers/{Guid.NewGuid()}/working-hours",
            Json("""[{"dayOfWeek": 1, "start": "09:00", "end": "17:00"}, null]""")), "body[1]");
    }

    [Fact]
    public async Task A_numeric_string_is_not_a_number()
    {
        var response = await (await AdminAsync()).GetAsync("/clinics");
        await response.ExpectAsync(HttpStatusCode.OK);
        await ExpectFieldAsync(await api.CreateClient().PostAsync("/auth/register", Json("""
            {"email": "n@example.com", "password": "CorrectHorse42", "firstName": "A", "lastName": "B", "acceptTerms": true, "marketingConsent": "true"}
            """)), "marketingConsent");
    }

    [Fact]
    public async Task A_query_string_of_100_kilobytes_answers_414_problem()
    {
        var response = await api.CreateClient().GetAsync("/clinics?q=" + new string('a', 100 * 1024));

        var problem = await response.ExpectAsync(HttpStatusCode.RequestUriTooLong);
        Assert.Equal("URI too long", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Errors_of_the_json_reader_do_not_leak_type_names()
    {
        var response = await api.CreateClient().PostAsync("/auth/register", Json("""{"email": 42}"""));

        var text = (await response.ExpectAsync(HttpStatusCode.BadRequest)).ToString();
        Assert.DoesNotContain("MedAesthetics", text);
        Assert.DoesNotContain("System.", text);
        _ = JsonDocument.Parse(text);
    }

    [Fact]
    public async Task Validators_are_built_once_and_shared_by_requests()
    {
        await using var first = api.Services.CreateAsyncScope();
        await using var second = api.Services.CreateAsyncScope();

        var one = first.ServiceProvider.GetRequiredService<IValidator<CreateLeadRequest>>();

        Assert.Same(one, second.ServiceProvider.GetRequiredService<IValidator<CreateLeadRequest>>());
        // The shared validator still refuses what it refused when built per request.
        Assert.False((await one.ValidateAsync(new CreateLeadRequest("", null, null, null, LeadSource.Website, null, null, null, null))).IsValid);
    }
}
