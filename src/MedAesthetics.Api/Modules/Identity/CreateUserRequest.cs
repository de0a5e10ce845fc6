using FluentValidation;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Http;

namespace MedAesthetics.Api.Modules.Identity;

public sealed record CreateUserRequest(
    string Email,
    string Password,
    string FirstName,
    string LastName,
    UserRole Role,
    string? Phone,
    string? Timezone,
    string? Locale,
    Guid? ClinicId = null);

public sealed class CreateUserRequestValidator : AbstractValidator<CreateUserRequest>
{
    public CreateUserRequestValidator()
    {
        RuleFor(r => r.Email).ValidEmail();
        RuleFor(r => r.Password).ValidPassword();
        RuleFor(r => r.FirstName).NotEmpty().ValidName();
        RuleFor(r => r.LastName).NotEmpty().ValidName();
        RuleFor(r => r.Role).IsInEnum();
        RuleFor(r => r.Phone).ValidPhone();
        RuleFor(r => r.Timezone).ValidTimezone();
        RuleFor(r => r.Locale).ValidLocale();
        RuleFor(r => r.Role).Must(r => r is UserRole.Doctor or UserRole.Secretariat).When(r => r.ClinicId is not null)
            .WithMessage("Only doctors and secretaries are created into a clinic's staff.");
    }
}

public sealed record UserListQuery
{
    [TextValues(typeof(UserRole))] public string? Role { get; init; }
    public string? Q { get; init; }
    public int? Page { get; init; }
    public int? PageSize { get; init; }

    public PageQuery Paging => new(Page, PageSize);
    public UserRole? RoleFilter => UserRoles.Parse(Role);
}

public sealed class UserListQueryValidator : AbstractValidator<UserListQuery>
{
    public UserListQueryValidator()
    {
        RuleFor(q => q.Role).Must(r => r is null || UserRoles.Parse(r) is not null)
            .WithMessage("The role must be one of: admin, clinic_owner, doctor, secretariat, salesperson, client.");
        RuleFor(q => q.Q).MaximumLength(100);
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).ValidPageSize();
    }
}
