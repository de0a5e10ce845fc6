using System.Net;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Infrastructure;

namespace MedAesthetics.IntegrationTests.Admin;

public sealed class AdminAccessTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string, string> AdminEndpoints() => new()
    {
        { "GET", "/admin/audit-logs" },
        { "GET", "/admin/settings" },
        { "PATCH", "/admin/settings" },
        { "POST", "/admin/tags" },
        { "GET", "/admin/tags" },
        { "GET", "/admin/reports" },
        { "POST", $"/admin/users/{Guid.NewGuid()}/erasure" },
    };

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task A_client_gets_403_on_every_admin_endpoint(string method, string path)
    {
        var (_, client) = await api.SignedInAsync(UserRole.Client);
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET")
            request.Content = new StringContent("""{"name":"vip","holdMinutes":5}""", System.Text.Encoding.UTF8, "application/json");
        await (await api.Authorized(client).SendAsync(request)).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Tag_names_are_unique_case_insensitively_and_listed()
    {
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var http = api.Authorized(admin);
        var created = await (await http.PostJsonAsync("/admin/tags", new { name = "VIP Client", color = "#ff8800" })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("vip client", created.GetProperty("name").GetString());
        await (await http.PostJsonAsync("/admin/tags", new { name = "vip CLIENT" })).ExpectAsync(HttpStatusCode.Conflict);
        await (await http.PostJsonAsync("/admin/tags", new { name = "" })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await http.PostJsonAsync("/admin/tags", new { name = "ok", color = "orange" })).ExpectAsync(HttpStatusCode.BadRequest);

        var tags = await (await http.GetAsync("/admin/tags")).ExpectAsync(HttpStatusCode.OK);
        var tag = Assert.Single(tags.EnumerateArray(), t => t.GetProperty("name").GetString() == "vip client");
        Assert.Equal("#ff8800", tag.GetProperty("color").GetString());
    }
}
