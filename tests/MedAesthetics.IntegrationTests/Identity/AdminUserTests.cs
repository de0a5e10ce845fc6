using System.Net;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Infrastructure;

namespace MedAesthetics.IntegrationTests.Identity;

public sealed class AdminUserTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static object StaffUser(string email, string role) => new
    {
        email, password = Http.Password, firstName = "Nikos", lastName = "Staff", role,
    };

    [Fact]
    public async Task Admin_creates_a_staff_user_who_can_then_log_in()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var email = Http.UniqueEmail("doc");

        var created = await (await api.Authorized(admin).PostJsonAsync("/admin/users", StaffUser(email, "doctor"))).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("doctor", created.GetProperty("role").GetString());
        var tokens = await api.LoginAsync(email);
        Assert.Equal("doctor", tokens.GetProperty("user").GetProperty("role").GetString());
    }

    [Theory]
    [InlineData(UserRole.Client)]
    [InlineData(UserRole.Salesperson)]
    [InlineData(UserRole.Doctor)]
    public async Task Non_admins_get_403_on_admin_users(UserRole role)
    {
        var (_, token) = await api.SignedInAsync(role);
        var client = api.Authorized(token);

        await (await client.PostJsonAsync("/admin/users", StaffUser(Http.UniqueEmail(), "admin"))).ExpectAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync("/admin/users")).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Admin_users_without_a_token_answer_401()
    {
        await (await api.CreateClient().GetAsync("/admin/users")).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Admin_user_creation_rejects_an_unknown_role_and_a_taken_email()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var client = api.Authorized(admin);
        var email = Http.UniqueEmail();

        await (await client.PostJsonAsync("/admin/users", StaffUser(email, "superuser"))).ExpectAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/admin/users", StaffUser(email, "secretariat"))).ExpectAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync("/admin/users", StaffUser(email.ToUpperInvariant(), "secretariat"))).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Admin_lists_users_filtered_by_role_and_search()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var client = api.Authorized(admin);
        var marker = Guid.NewGuid().ToString("N")[..10];
        await (await client.PostJsonAsync("/admin/users", StaffUser($"{marker}-a@example.test", "salesperson"))).ExpectAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync("/admin/users", StaffUser($"{marker}-b@example.test", "salesperson"))).ExpectAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync("/admin/users", StaffUser($"{marker}-c@example.test", "doctor"))).ExpectAsync(HttpStatusCode.Created);

        var page = await (await client.GetAsync($"/admin/users?role=salesperson&q={marker.ToUpperInvariant()}&page=1&pageSize=1")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(2, page.GetProperty("total").GetInt32());
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(1, page.GetProperty("pageSize").GetInt32());
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("salesperson", item.GetProperty("role").GetString());
    }

    [Theory]
    [InlineData("pageSize=101")]
    [InlineData("page=0")]
    [InlineData("page=abc")]
    [InlineData("role=wizard")]
    public async Task Bad_list_parameters_answer_400(string query)
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);

        await (await api.Authorized(admin).GetAsync($"/admin/users?{query}")).ExpectAsync(HttpStatusCode.BadRequest);
    }
}
