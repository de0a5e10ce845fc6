using FluentValidation;

namespace MedAesthetics.Api.Modules.Identity;

public sealed record RegisterRequest(
    string Email,
    string Password,
    string FirstName,
    string LastName,
    string? Phone,
    string? Timezone,
    string? Locale,
    bool AcceptTerms,
    bool? MarketingConsent,
    string? ReferralCode);

public sealed class RegisterRequestValidator : AbstractValidator<RegisterRequest>
{
    public RegisterRequestValidator()
    {
        RuleFor(r => r.Email).ValidEmail();
        RuleFor(r => r.Password).ValidPassword();
        RuleFor(r => r.FirstName).NotEmpty().ValidName();
        RuleFor(r => r.LastName).NotEmpty().ValidName();
        RuleFor(r => r.Phone).ValidPhone();
        RuleFor(r => r.Timezone).ValidTimezone();
        RuleFor(r => r.Locale).ValidLocale();
        RuleFor(r => r.AcceptTerms).Equal(true).WithMessage("The terms must be accepted to register.");
        RuleFor(r => r.ReferralCode).MaximumLength(32);
    }
}
