using System.Net;
using MedAesthetics.IntegrationTests.Infrastructure;

namespace MedAesthetics.IntegrationTests.Security;

public sealed class CorsAllowListApi : ApiFactory
{
    public const string Allowed = "https://app.clinic.test";

    public CorsAllowListApi() => With("CORS_ORIGINS", $"{Allowed}, https://admin.clinic.test");
}

internal static class CorsCalls
{
    public static Task<HttpResponseMessage> PreflightAsync(this ApiFactory api, string origin, string path = "/auth/login") =>
        api.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Options, path)
        {
            Headers = { { "Origin", origin }, { "Access-Control-Request-Method", "POST" }, { "Access-Control-Request-Headers", "content-type, authorization" } },
        });

    public static Task<HttpResponseMessage> GetFromAsync(this ApiFactory api, string origin, string path = "/clinics") =>
        api.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Origin", origin } } });

    public static string? AllowedOrigin(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
}

public sealed class CorsTests(CorsAllowListApi api) : IClassFixture<CorsAllowListApi>
{
    [Fact]
    public async Task An_allowed_origin_passes_the_preflight_and_reads_answers()
    {
        var preflight = await api.PreflightAsync(CorsAllowListApi.Allowed);

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(CorsAllowListApi.Allowed, preflight.AllowedOrigin());
        Assert.Contains("POST", string.Join(",", preflight.Headers.GetValues("Access-Control-Allow-Methods")));
        Assert.Contains("authorization", string.Join(",", preflight.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Credentials"));

        var answer = await api.GetFromAsync(CorsAllowListApi.Allowed);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(CorsAllowListApi.Allowed, answer.AllowedOrigin());
    }

    [Theory]
    [InlineData("https://evil.test")]
    [InlineData("http://app.clinic.test")]          // another scheme is another origin
    [InlineData("https://app.clinic.test.evil.test")]
    [InlineData("null")]
    public async Task A_refused_origin_gets_no_CORS_headers_on_the_preflight_or_the_answer(string origin)
    {
        var preflight = await api.PreflightAsync(origin);
        Assert.Null(preflight.AllowedOrigin());
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Methods"));

        var answer = await api.GetFromAsync(origin);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Null(answer.AllowedOrigin());
    }
}

public sealed class CorsDefaultTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("https://app.clinic.test")]
    [InlineData("http://localhost:3000")]
    public async Task Without_CORS_ORIGINS_no_origin_is_allowed(string origin)
    {
        var preflight = await api.PreflightAsync(origin);
        Assert.Null(preflight.AllowedOrigin());

        var answer = await api.GetFromAsync(origin);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Null(answer.AllowedOrigin());
    }
}
