using MedAesthetics.Api.Modules.Identity;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Hosting;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.IntegrationTests.Identity;

/// <summary>The create-admin command's work: the only way a production install gets its first admin.</summary>
public sealed class CreateAdminTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private Task<string?> CreateAdmin(string email, string password) =>
        api.WithServiceAsync<IAdminCreator, string?>(creator => creator.CreateAdminAsync(email, password, "Root", "Admin", CancellationToken.None));

    [Fact]
    public async Task Create_admin_makes_an_admin_who_can_log_in()
    {
        var email = Http.UniqueEmail("root");

        Assert.Null(await CreateAdmin(email, "a-Strong-passphrase-42"));

        var stored = await api.WithDbAsync(db => db.Set<User>().SingleAsync(u => u.Email == email));
        Assert.Equal(UserRole.Admin, stored.Role);
        var tokens = await api.LoginAsync(email, "a-Strong-passphrase-42");
        Assert.Equal("admin", tokens.GetProperty("user").GetProperty("role").GetString());
    }

    [Fact]
    public async Task Create_admin_refuses_a_short_password_a_bad_email_and_a_taken_email()
    {
        var email = Http.UniqueEmail("root");

        Assert.NotNull(await CreateAdmin(email, "short"));
        Assert.NotNull(await CreateAdmin("not-an-email", "a-Strong-passphrase-42"));
        Assert.Null(await CreateAdmin(email, "a-Strong-passphrase-42"));
        Assert.NotNull(await CreateAdmin(email.ToUpperInvariant(), "another-Strong-pass-42"));
        Assert.Equal(1, await api.WithDbAsync(db => db.Set<User>().CountAsync(u => u.Email == email)));
    }
}
