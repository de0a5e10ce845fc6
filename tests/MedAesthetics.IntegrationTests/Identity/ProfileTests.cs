using System.Net;
using MedAesthetics.Api.Modules.Identity;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.IntegrationTests.Identity;

public sealed class ProfileTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Me_answers_the_signed_in_user()
    {
        var tokens = await api.RegisterAsync();

        var me = await (await api.Authorized(tokens.AccessToken()).GetAsync("/users/me")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(tokens.GetProperty("user").GetProperty("id").GetGuid(), me.GetProperty("id").GetGuid());
        foreach (var field in new[] { "id", "email", "role", "firstName", "lastName", "phone", "timezone", "locale", "createdAt" })
            Assert.True(me.TryGetProperty(field, out _), $"User has no {field}");
        Assert.False(me.TryGetProperty("passwordHash", out _));
    }

    [Fact]
    public async Task Me_without_a_token_answers_401_problem()
    {
        await (await api.CreateClient().GetAsync("/users/me")).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Patch_profile_changes_the_allowed_fields()
    {
        var tokens = await api.RegisterAsync();

        var updated = await (await api.Authorized(tokens.AccessToken()).PatchJsonAsync("/users/me/profile", new
        {
            firstName = "Katerina", phone = "+30 210 123 4567", timezone = "Europe/London", locale = "el",
        })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Katerina", updated.GetProperty("firstName").GetString());
        Assert.Equal("Georgiou", updated.GetProperty("lastName").GetString());
        Assert.Equal("+30 210 123 4567", updated.GetProperty("phone").GetString());
        Assert.Equal("Europe/London", updated.GetProperty("timezone").GetString());
        Assert.Equal("el", updated.GetProperty("locale").GetString());
    }

    [Fact]
    public async Task Patch_profile_refuses_role_email_id_or_password_and_changes_nothing()
    {
        var tokens = await api.RegisterAsync();
        var user = tokens.GetProperty("user");
        var id = user.GetProperty("id").GetGuid();
        var email = user.GetProperty("email").GetString()!;

        var response = await api.Authorized(tokens.AccessToken()).PatchJsonAsync("/users/me/profile", new
        {
            role = "admin", email = "hijack@example.test", id = Guid.NewGuid(), passwordHash = "x", isActive = false, failedLoginCount = 99, lastName = "Still-Me",
        });

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _), problem.ToString());
        var stored = await api.WithDbAsync(db => db.Set<User>().SingleAsync(u => u.Id == id));
        Assert.Equal(UserRole.Client, stored.Role);
        Assert.Equal(email, stored.Email);
        Assert.True(stored.IsActive);
        Assert.NotEqual("Still-Me", stored.LastName);
        await api.LoginAsync(email);
    }

    [Fact]
    public async Task Patch_profile_with_an_invalid_field_answers_400_and_changes_nothing()
    {
        var tokens = await api.RegisterAsync();
        var id = tokens.GetProperty("user").GetProperty("id").GetGuid();

        var response = await api.Authorized(tokens.AccessToken()).PatchJsonAsync("/users/me/profile", new
        {
            firstName = "Changed", timezone = "Europe/Atlantis",
        });

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("timezone", out _));
        var stored = await api.WithDbAsync(db => db.Set<User>().SingleAsync(u => u.Id == id));
        Assert.Equal("Maria", stored.FirstName);
        Assert.Equal("Europe/Athens", stored.Timezone);
    }
}
