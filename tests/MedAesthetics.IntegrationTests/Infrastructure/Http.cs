using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MedAesthetics.Api.Modules.Identity;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Http;

namespace MedAesthetics.IntegrationTests.Infrastructure;

public static class Http
{
    public const string Password = "CorrectHorse42";

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body, ApiJson.Options);

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string path, object body) =>
        client.PatchAsJsonAsync(path, body, ApiJson.Options);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts the status and, for errors, that the body is an RFC 9457 problem with a trace id; returns the body.</summary>
    public static async Task<JsonElement> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {status}, got {(int)response.StatusCode} {response.StatusCode}: {body}");
        var json = body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
        if ((int)status >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal((int)status, json.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(json.GetProperty("title").GetString()));
            Assert.False(string.IsNullOrEmpty(json.GetProperty("traceId").GetString()));
        }
        return json;
    }

    public static HttpClient Authorized(this ApiFactory factory, string accessToken)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public static object RegistrationFor(string email, string password = Password) => new
    {
        email,
        password,
        firstName = "Maria",
        lastName = "Georgiou",
        acceptTerms = true,
    };

    public static string UniqueEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@example.test";

    /// <summary>Registers a client over HTTP and returns the token response.</summary>
    public static async Task<JsonElement> RegisterAsync(this ApiFactory factory, string? email = null)
    {
        var response = await factory.CreateClient().PostJsonAsync("/auth/register", RegistrationFor(email ?? UniqueEmail()));
        return await response.ExpectAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> LoginAsync(this ApiFactory factory, string email, string password = Password)
    {
        var response = await factory.CreateClient().PostJsonAsync("/auth/login", new { email, password });
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>Creates a user of any role straight through the Identity module and signs it in; returns (user id, access token).</summary>
    public static async Task<(Guid UserId, string AccessToken)> SignedInAsync(this ApiFactory factory, UserRole role)
    {
        var email = UniqueEmail(role.Name());
        var outcome = await factory.WithServiceAsync<AuthService, (User User, TokensResponse? Tokens)>(async auth =>
        {
            var created = await auth.CreateUserAsync(new NewUser(email, "Test", role.Name(), role, null, "Europe/Athens", "en"), Password, CancellationToken.None);
            Assert.True(created.Succeeded, created.Error?.Detail);
            return created.Value;
        });
        var tokens = await factory.LoginAsync(email);
        return (outcome.User.Id, tokens.GetProperty("accessToken").GetString()!);
    }

    public static string AccessToken(this JsonElement tokens) => tokens.GetProperty("accessToken").GetString()!;
    public static string RefreshToken(this JsonElement tokens) => tokens.GetProperty("refreshToken").GetString()!;
}
