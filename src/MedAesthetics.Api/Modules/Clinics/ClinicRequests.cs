using FluentValidation;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Http;
using NodaTime;

namespace MedAesthetics.Api.Modules.Clinics;

public sealed record CreateClinicRequest(string Name, string Timezone, string? Address, string? Phone, string? Email, Guid? OwnerId, string? CountryCode);

/// <summary>PATCH /clinics/{id}: every field optional; ownerId only from an admin.</summary>
public sealed record UpdateClinicRequest(string? Name, string? Timezone, string? Address, string? Phone, string? Email, Guid? OwnerId, string? CountryCode);

public sealed record CreateServiceRequest(
    string Name, int DurationMinutes, Money Price, int? BufferBeforeMinutes, int? BufferAfterMinutes,
    string? Category, int? LoyaltyPoints, int? RepeatAfterDays);

public sealed record AddStaffRequest(Guid UserId, UserRole Role, Guid[]? ServiceIds);

public sealed record ProviderServicesRequest(Guid[] ServiceIds);

public sealed record WorkingHoursRequest(int DayOfWeek, [property: TextFormat(TextFormatAttribute.ClockTime)] string Start, [property: TextFormat(TextFormatAttribute.ClockTime)] string End);

public sealed record BlockedSlotRequest(Guid? ProviderId, Instant Start, Instant End, string? Reason);

public sealed record AgentAccessRequest(Guid AgentUserId, Guid ClinicId);

public sealed record ClinicListQuery
{
    public string? Q { get; init; }
    public int? Page { get; init; }
    public int? PageSize { get; init; }

    public PageQuery Paging => new(Page, PageSize);
}

internal static class ClinicValidators
{
    public static IRuleBuilderOptions<T, string?> ValidTimezone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(tz => tz is null || DateTimeZoneProviders.Tzdb.GetZoneOrNull(tz) is not null)
            .WithMessage("The timezone must be an IANA name such as Europe/Athens.");

    public static IRuleBuilderOptions<T, string?> ValidCountry<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Matches("^[A-Za-z]{2}$").WithMessage("The country code must be 2 letters (ISO 3166), e.g. GR.");
}

public sealed class CreateClinicRequestValidator : AbstractValidator<CreateClinicRequest>
{
    public CreateClinicRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Timezone).NotEmpty().ValidTimezone();
        RuleFor(r => r.Address).MaximumLength(500);
        RuleFor(r => r.Phone).MaximumLength(32);
        RuleFor(r => r.Email).EmailAddress().MaximumLength(254).When(r => !string.IsNullOrWhiteSpace(r.Email));
        RuleFor(r => r.CountryCode).ValidCountry().When(r => r.CountryCode is not null);
    }
}

public sealed class UpdateClinicRequestValidator : AbstractValidator<UpdateClinicRequest>
{
    public UpdateClinicRequestValidator()
    {
        RuleFor(r => r.Name).Must(n => n is null || n.Trim().Length > 0).WithMessage("The name cannot be blank.").MaximumLength(200);
        RuleFor(r => r.Timezone).ValidTimezone();
        RuleFor(r => r.Address).MaximumLength(500);
        RuleFor(r => r.Phone).MaximumLength(32);
        RuleFor(r => r.Email).EmailAddress().MaximumLength(254).When(r => !string.IsNullOrWhiteSpace(r.Email));
        RuleFor(r => r.CountryCode).ValidCountry().When(r => !string.IsNullOrEmpty(r.CountryCode));
    }
}

public sealed class CreateServiceRequestValidator : AbstractValidator<CreateServiceRequest>
{
    public CreateServiceRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        RuleFor(r => r.DurationMinutes).InclusiveBetween(5, 480).Must(d => d % 5 == 0).WithMessage("The duration must be a multiple of 5 minutes.");
        RuleFor(r => r.Price).NotNull().SetValidator(new MoneyValidator());
        RuleFor(r => r.BufferBeforeMinutes).InclusiveBetween(0, 120);
        RuleFor(r => r.BufferAfterMinutes).InclusiveBetween(0, 120);
        RuleFor(r => r.Category).MaximumLength(100);
        RuleFor(r => r.LoyaltyPoints).InclusiveBetween(0, 100_000);
        RuleFor(r => r.RepeatAfterDays).InclusiveBetween(1, 3650);
    }
}

public sealed class AddStaffRequestValidator : AbstractValidator<AddStaffRequest>
{
    public AddStaffRequestValidator()
    {
        RuleFor(r => r.UserId).NotEmpty();
        RuleFor(r => r.Role).Must(r => r is UserRole.Doctor or UserRole.Secretariat).WithMessage("The role must be doctor or secretariat.");
        RuleFor(r => r.ServiceIds).Must(ids => ids is null || ids.Length <= 200);
    }
}

public sealed class ProviderServicesRequestValidator : AbstractValidator<ProviderServicesRequest>
{
    public ProviderServicesRequestValidator() => RuleFor(r => r.ServiceIds).NotNull().Must(ids => ids.Length <= 200);
}

public sealed class WorkingHoursRequestsValidator : AbstractValidator<WorkingHoursRequest[]>
{
    public WorkingHoursRequestsValidator()
    {
        RuleFor(list => list.Length).LessThanOrEqualTo(70).OverridePropertyName("workingHours");
        RuleForEach(list => list).ChildRules(entry =>
        {
            entry.RuleFor(e => e.DayOfWeek).InclusiveBetween(1, 7).WithMessage("dayOfWeek is an ISO weekday from 1 (Monday) to 7 (Sunday).");
            entry.RuleFor(e => e.Start).Must(t => ApiTime.TryParseClockTime(t, out _)).WithMessage("start must be a local time HH:mm.");
            entry.RuleFor(e => e.End).Must(t => ApiTime.TryParseClockTime(t, out _)).WithMessage("end must be a local time HH:mm.");
            entry.RuleFor(e => e).Must(e => !ApiTime.TryParseClockTime(e.Start, out var s) || !ApiTime.TryParseClockTime(e.End, out var en) || s < en)
                .WithMessage("start must be before end.").OverridePropertyName("end");
        }).OverridePropertyName("workingHours");
        RuleFor(list => list).Must(NotOverlap).WithMessage("Intervals of one day must not overlap.").OverridePropertyName("workingHours");
    }

    private static bool NotOverlap(WorkingHoursRequest[] list)
    {
        var parsed = list
            .Select(e => (e.DayOfWeek, Ok: ApiTime.TryParseClockTime(e.Start, out var s) & ApiTime.TryParseClockTime(e.End, out var en), s, en))
            .Where(e => e.Ok && e.s < e.en)
            .GroupBy(e => e.DayOfWeek);
        foreach (var day in parsed)
        {
            var ordered = day.OrderBy(e => e.s).ToList();
            for (var i = 1; i < ordered.Count; i++)
                if (ordered[i].s < ordered[i - 1].en)
                    return false;
        }
        return true;
    }
}

public sealed class BlockedSlotRequestValidator : AbstractValidator<BlockedSlotRequest>
{
    public BlockedSlotRequestValidator()
    {
        RuleFor(r => r.End).GreaterThan(r => r.Start).WithMessage("end must be after start.");
        RuleFor(r => r).Must(r => r.End - r.Start <= Duration.FromDays(366)).WithMessage("A blocked slot lasts at most a year.").OverridePropertyName("end");
        RuleFor(r => r.Reason).MaximumLength(500);
    }
}

public sealed class AgentAccessRequestValidator : AbstractValidator<AgentAccessRequest>
{
    public AgentAccessRequestValidator()
    {
        RuleFor(r => r.AgentUserId).NotEmpty();
        RuleFor(r => r.ClinicId).NotEmpty();
    }
}

public sealed class ClinicListQueryValidator : AbstractValidator<ClinicListQuery>
{
    public ClinicListQueryValidator()
    {
        RuleFor(q => q.Q).MaximumLength(100);
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).ValidPageSize();
    }
}
