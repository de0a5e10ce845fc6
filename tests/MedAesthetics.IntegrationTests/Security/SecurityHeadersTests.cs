using System.Net;
using System.Text.RegularExpressions;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Security;
using MedAesthetics.IntegrationTests.Infrastructure;

namespace MedAesthetics.IntegrationTests.Security;

public sealed partial class SecurityHeadersTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static void AssertCommonHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Server"));
    }

    private static string Csp(HttpResponseMessage response) => Assert.Single(response.Headers.GetValues("Content-Security-Policy"));

    public static TheoryData<string, string, int> ApiAnswers => new()
    {
        { "GET", "/health/live", 200 },
        { "GET", "/clinics", 200 },
        { "GET", "/no-such-route", 404 },
        { "GET", "/users/me", 401 },
        { "GET", "/clinics?pageSize=1000", 400 },
        { "POST", "/auth/login", 400 },
        { "GET", "/api/docs/openapi.json", 200 },
    };

    [Theory]
    [MemberData(nameof(ApiAnswers))]
    public async Task Every_API_answer_errors_included_carries_the_security_headers_and_the_strict_policy(string method, string path, int status)
    {
        var response = await api.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(status, (int)response.StatusCode);
        AssertCommonHeaders(response);
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Csp(response));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));   // not outside Production
    }

    [Fact]
    public async Task An_answer_written_by_the_exception_handler_keeps_the_headers()
    {
        // The exception handler clears the response's headers before writing the problem; ours are written at start.
        var response = await api.CreateClient().PostAsync("/auth/login", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        await response.ExpectAsync(HttpStatusCode.BadRequest);
        AssertCommonHeaders(response);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Token_answers_and_personal_data_are_never_stored_by_caches()
    {
        var client = api.CreateClient();
        var register = await client.PostJsonAsync("/auth/register", Http.RegistrationFor(Http.UniqueEmail()));
        var tokens = await register.ExpectAsync(HttpStatusCode.Created);
        var email = tokens.GetProperty("user").GetProperty("email").GetString()!;
        var login = await client.PostJsonAsync("/auth/login", new { email, password = Http.Password });
        var refresh = await client.PostJsonAsync("/auth/refresh", new { refreshToken = (await login.ExpectAsync(HttpStatusCode.OK)).RefreshToken() });
        await refresh.ExpectAsync(HttpStatusCode.OK);
        var signedIn = api.Authorized(tokens.AccessToken());
        var me = await signedIn.GetAsync("/users/me");
        var export = await signedIn.GetAsync("/users/me/export");
        await export.ExpectAsync(HttpStatusCode.OK);

        foreach (var response in new[] { register, login, refresh, me, export })
            Assert.True(response.Headers.CacheControl?.NoStore, response.RequestMessage?.RequestUri?.ToString());
    }

    [Fact]
    public async Task Swagger_UI_gets_a_policy_that_lets_its_own_scripts_run_and_they_are_all_served()
    {
        var client = api.CreateClient();
        var page = await client.GetAsync("/api/docs/index.html");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        AssertCommonHeaders(page);
        Assert.Equal(SecurityHeaders.PagePolicy, Csp(page));
        await AssertPageLoadsUnderPolicyAsync(client, "/api/docs/", await page.Content.ReadAsStringAsync(), minimumScripts: 2);
    }

    [Fact]
    public async Task The_jobs_dashboard_gets_a_policy_that_lets_its_own_scripts_run_and_they_are_all_served()
    {
        var (_, token) = await api.SignedInAsync(UserRole.Admin);
        var client = api.Authorized(token);
        var page = await client.GetAsync("/jobs/recurring");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        AssertCommonHeaders(page);
        Assert.Equal(SecurityHeaders.PagePolicy, Csp(page));
        await AssertPageLoadsUnderPolicyAsync(client, "/jobs/", await page.Content.ReadAsStringAsync(), minimumScripts: 1);

        var refused = await api.CreateClient().GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        AssertCommonHeaders(refused);
    }

    /// <summary>
    /// What a browser would block under <see cref="SecurityHeaders.PagePolicy"/> (script-src 'self', no 'unsafe-inline'):
    /// an inline script, an inline event handler, or a script or stylesheet from another origin. Every script and
    /// stylesheet the page names must also be served, with the headers.
    /// </summary>
    private static async Task AssertPageLoadsUnderPolicyAsync(HttpClient client, string basePath, string html, int minimumScripts)
    {
        Assert.DoesNotContain("'unsafe-inline'", SecurityHeaders.PagePolicy.Split(';').Single(d => d.Trim().StartsWith("script-src")));
        var scripts = ScriptTags().Matches(html).Select(m => m.Groups["attributes"].Value).ToList();
        Assert.True(scripts.Count >= minimumScripts, html);
        foreach (Match inline in ScriptTags().Matches(html))
            Assert.True(inline.Groups["attributes"].Value.Contains("src=") || inline.Groups["body"].Value.Trim().Length == 0,
                $"An inline script would be blocked: {inline.Value[..Math.Min(200, inline.Value.Length)]}");
        Assert.DoesNotMatch(InlineHandler(), html);

        var references = Sources().Matches(html).Select(m => m.Groups["url"].Value).Where(u => !u.StartsWith("data:")).ToList();
        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            Assert.False(reference.StartsWith("//") || reference.Contains("://"), $"{reference} is on another origin");
            var url = reference.StartsWith('/') ? reference : basePath + reference.TrimStart('.', '/');
            var asset = await client.GetAsync(WebUtility.HtmlDecode(url));
            Assert.True(asset.StatusCode == HttpStatusCode.OK, $"{url}: {(int)asset.StatusCode}");
            AssertCommonHeaders(asset);
        }
    }

    [GeneratedRegex(@"<script(?<attributes>[^>]*)>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTags();

    [GeneratedRegex(@"<(?:script|link)\b[^>]*?\b(?:src|href)\s*=\s*[""'](?<url>[^""']+)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex Sources();

    [GeneratedRegex(@"\son(?:click|load|error|submit|change)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}

/// <summary>Kestrel itself, on a real socket: the in-memory test server never writes a Server header, Kestrel does unless told not to.</summary>
public sealed class KestrelHeaderTests
{
    [Fact]
    public async Task Kestrel_does_not_announce_itself_in_a_Server_header()
    {
        var api = new ApiFactory();
        await ((Xunit.IAsyncLifetime)api).InitializeAsync();
        try
        {
            api.With("PORT", "0");
            api.UseKestrel(0);
            api.StartServer();

            var response = await api.CreateClient().GetAsync("/health/live");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Server"), string.Join(", ", response.Headers.Select(h => h.Key)));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        }
        finally
        {
            await ((Xunit.IAsyncLifetime)api).DisposeAsync();
        }
    }
}
