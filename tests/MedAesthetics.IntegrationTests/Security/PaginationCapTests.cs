using System.Net;
using System.Text.Json.Nodes;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.IntegrationTests.Contract;
using MedAesthetics.IntegrationTests.Infrastructure;

namespace MedAesthetics.IntegrationTests.Security;

/// <summary>
/// Every list answers at most <see cref="PageQuery.MaxPageSize"/> items: a larger pageSize is a 400 naming it (never a
/// silent clamp), on every paged operation of the OpenAPI document. A list that is not paged must be on the reviewed
/// list below, with what bounds it; a new unpaged list fails until it is paged or reviewed.
/// </summary>
public sealed class PaginationCapTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly Dictionary<string, string> BoundedUnpagedLists = new()
    {
        ["/clinics/{id}/staff"] = "the staff of one clinic",
        ["/clinics/{id}/providers"] = "the doctors of one clinic",
        ["/clinics/{id}/providers/{providerId}/working-hours"] = "at most 70 intervals a provider (validated on write)",
        ["/clinics/{id}/blocked-slots"] = "current and future blocks, the first 500",
        ["/admin/tags"] = "the admin-made tag vocabulary",
    };

    private static bool IsPage(OpenApiDocument document, JsonObject operation, out bool isArray)
    {
        isArray = false;
        if (operation["responses"]?["200"]?["content"] is not JsonObject content || content.Count == 0)
            return false;
        var schema = document.Resolve(content.First().Value!["schema"]);
        isArray = OpenApiDocument.Types(schema).Contains("array");
        return schema["properties"] is JsonObject properties && properties.ContainsKey("items") && properties.ContainsKey("pageSize");
    }

    [Fact]
    public async Task Every_paged_list_refuses_a_page_size_over_the_cap_and_accepts_the_cap()
    {
        var document = await OpenApiDocument.LoadAsync(api);
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var client = api.Authorized(admin);
        var checkedLists = 0;

        foreach (var operation in document.Operations().Where(o => o.Method == "GET"))
        {
            if (!IsPage(document, operation.Node, out _))
                continue;
            var parameters = operation.Node["parameters"]?.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList() ?? [];
            Assert.True(parameters.Contains("pageSize") && parameters.Contains("page"), $"{operation.Path} answers a page but takes no page/pageSize");
            var path = System.Text.RegularExpressions.Regex.Replace(operation.Path, "{[^}]+}", Guid.NewGuid().ToString());

            var tooLarge = await client.GetAsync($"{path}?pageSize={PageQuery.MaxPageSize + 1}");
            var problem = await tooLarge.ExpectAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("pageSize", out _), $"{operation.Path}: {problem}");

            var atCap = await client.GetAsync($"{path}?pageSize={PageQuery.MaxPageSize}");
            Assert.True(atCap.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{operation.Path}: {(int)atCap.StatusCode}");
            checkedLists++;
        }

        Assert.True(checkedLists >= 12, $"only {checkedLists} paged lists found");
    }

    [Fact]
    public async Task Every_list_that_is_not_paged_is_a_reviewed_bounded_one()
    {
        var document = await OpenApiDocument.LoadAsync(api);

        var unpaged = document.Operations()
            .Where(o => o.Method == "GET" && !IsPage(document, o.Node, out var isArray) && isArray)
            .Select(o => o.Path)
            .ToHashSet();

        Assert.Equal(BoundedUnpagedLists.Keys.Order(), unpaged.Order());
    }
}
