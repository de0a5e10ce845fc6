using FluentValidation;

namespace MedAesthetics.Api.Modules.Identity;

/// <summary>The only fields a user may change on itself; role, email and ids are not part of the record, so they cannot be assigned.</summary>
public sealed record UpdateProfileRequest(string? FirstName, string? LastName, string? Phone, string? Timezone, string? Locale);

public sealed class UpdateProfileRequestValidator : AbstractValidator<UpdateProfileRequest>
{
    public UpdateProfileRequestValidator()
    {
        RuleFor(r => r.FirstName).ValidName();
        RuleFor(r => r.LastName).ValidName();
        RuleFor(r => r.Phone).ValidPhone();
        RuleFor(r => r.Timezone).ValidTimezone();
        RuleFor(r => r.Locale).ValidLocale();
    }
}
