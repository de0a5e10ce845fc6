using FluentValidation;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Hosting;
using MedAesthetics.Api.Platform.Settings;

namespace MedAesthetics.Api.Modules.Identity;

/// <summary>The `create-admin` command: the only way the first admin of a production install comes to exist.</summary>
public sealed class AdminCreator(AuthService auth, IPlatformSettings platformSettings, IValidator<CreateUserRequest> validator) : IAdminCreator
{
    public async Task<string?> CreateAdminAsync(string email, string password, string firstName, string lastName, CancellationToken cancellationToken)
    {
        var request = new CreateUserRequest(email, password, firstName, lastName, UserRole.Admin, null, null, null);
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
            return string.Join(Environment.NewLine, validation.Errors.Select(e => e.ErrorMessage));

        var settings = await platformSettings.GetAsync(cancellationToken);
        var outcome = await auth.CreateUserAsync(
            new NewUser(email, firstName, lastName, UserRole.Admin, null, settings.DefaultTimezone, settings.DefaultLocale), password, cancellationToken);
        return outcome.Succeeded ? null : outcome.Error!.Detail;
    }
}
