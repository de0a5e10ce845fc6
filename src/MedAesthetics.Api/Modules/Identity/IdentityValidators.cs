using System.Text.RegularExpressions;
using FluentValidation;
using NodaTime;

namespace MedAesthetics.Api.Modules.Identity;

/// <summary>The field rules shared by registration, profile updates and staff creation.</summary>
public static partial class IdentityValidators
{
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 128;
    public static readonly string[] Locales = ["en", "el"];

    public static IRuleBuilderOptions<T, string> ValidEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(254).EmailAddress().Must(e => !e.Trim().Contains(' ')).WithMessage("'Email' is not a valid email address.");

    public static IRuleBuilderOptions<T, string> ValidPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MinimumLength(MinPasswordLength).WithMessage($"The password must be at least {MinPasswordLength} characters long.")
            .MaximumLength(MaxPasswordLength);

    public static IRuleBuilderOptions<T, string?> ValidName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(n => n is null || n.Trim().Length > 0).WithMessage("A name cannot be blank.").MaximumLength(100);

    public static IRuleBuilderOptions<T, string?> ValidPhone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(p => string.IsNullOrWhiteSpace(p) || PhonePattern().IsMatch(p.Trim()))
            .WithMessage("The phone number may hold digits, spaces, dashes, brackets and a leading +, 6 to 20 characters.");

    public static IRuleBuilderOptions<T, string?> ValidTimezone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(tz => tz is null || DateTimeZoneProviders.Tzdb.GetZoneOrNull(tz) is not null)
            .WithMessage("The timezone must be an IANA name such as Europe/Athens.");

    public static IRuleBuilderOptions<T, string?> ValidLocale<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(l => l is null || Locales.Contains(l)).WithMessage($"The locale must be one of: {string.Join(", ", Locales)}.");

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{4,18}[0-9]$")]
    private static partial Regex PhonePattern();
}
