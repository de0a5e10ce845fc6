using FluentValidation;
using MedAesthetics.Api.Platform.Http;
using NodaTime;

namespace MedAesthetics.Api.Modules.Booking;

public sealed record HoldRequest(Guid ClinicId, Guid ServiceId, Guid ProviderId, Instant Start);

public enum RecurrenceFrequency
{
    Weekly,
    Biweekly,
    Monthly,
}

public sealed record RecurrenceRequest(RecurrenceFrequency Frequency, int Count);

/// <summary>
/// POST /appointments: confirm a hold (holdId), or, staff only, book straight away without one
/// (clinicId, serviceId, providerId, start, clientId).
/// </summary>
public sealed record BookRequest(
    Guid? HoldId, Guid? ClientId, string? Notes, RecurrenceRequest? Recurrence,
    Guid? ClinicId, Guid? ServiceId, Guid? ProviderId, Instant? Start);

public sealed record RescheduleRequest(Instant Start, Guid? ProviderId);

public sealed record CancelRequest(string? Reason);

public sealed record CompleteRequest(Money? AmountPaid, string? Notes);

public sealed record AvailabilityQuery
{
    public Guid? ClinicId { get; init; }
    public Guid? ServiceId { get; init; }
    [TextFormat(TextFormatAttribute.Date)] public string? Date { get; init; }
    public Guid? ProviderId { get; init; }
    public int? Days { get; init; }

    public LocalDate LocalDate => ApiTime.TryParseDate(Date, out var date) ? date : default;
}

public sealed record AppointmentListQuery
{
    public Guid? ClinicId { get; init; }
    public Guid? ProviderId { get; init; }
    public Guid? ClientId { get; init; }
    [TextValues("confirmed", "completed", "cancelled", "no_show")] public string? Status { get; init; }
    [TextFormat(TextFormatAttribute.DateTime)] public string? From { get; init; }
    [TextFormat(TextFormatAttribute.DateTime)] public string? To { get; init; }
    public int? Page { get; init; }
    public int? PageSize { get; init; }

    public PageQuery Paging => new(Page, PageSize);
    public AppointmentStatus? StatusFilter => Status is null ? null : AppointmentStatuses.Parse(Status);
    public Instant? FromInstant => ApiTime.TryParseInstant(From, out var i) ? i : null;
    public Instant? ToInstant => ApiTime.TryParseInstant(To, out var i) ? i : null;
}

public static class AppointmentStatuses
{
    /// <summary>The statuses an appointment shows through the API; held and expired rows are holds, not appointments.</summary>
    public static readonly AppointmentStatus[] Visible =
        [AppointmentStatus.Confirmed, AppointmentStatus.Completed, AppointmentStatus.Cancelled, AppointmentStatus.NoShow];

    public static AppointmentStatus? Parse(string text) =>
        Platform.Persistence.EnumColumns.Parse<AppointmentStatus>(text) is { } status && Visible.Contains(status) ? status : null;
}

public sealed class HoldRequestValidator : AbstractValidator<HoldRequest>
{
    public HoldRequestValidator()
    {
        RuleFor(r => r.ClinicId).NotEmpty();
        RuleFor(r => r.ServiceId).NotEmpty();
        RuleFor(r => r.ProviderId).NotEmpty();
        RuleFor(r => r.Start).NotEqual(default(Instant)).WithMessage("start is required.");
    }
}

public sealed class BookRequestValidator : AbstractValidator<BookRequest>
{
    public BookRequestValidator()
    {
        RuleFor(r => r.Notes).MaximumLength(2000);
        RuleFor(r => r.Recurrence!.Count).InclusiveBetween(2, 52).When(r => r.Recurrence is not null)
            .OverridePropertyName("recurrence.count").WithMessage("A series has 2 to 52 occurrences.");
        RuleFor(r => r.Recurrence!.Frequency).IsInEnum().When(r => r.Recurrence is not null).OverridePropertyName("recurrence.frequency");
        When(r => r.HoldId is null, () =>
        {
            RuleFor(r => r.ClinicId).NotEmpty().WithMessage("Give holdId, or clinicId, serviceId, providerId, start and clientId.");
            RuleFor(r => r.ServiceId).NotEmpty();
            RuleFor(r => r.ProviderId).NotEmpty();
            RuleFor(r => r.Start).NotNull();
            RuleFor(r => r.ClientId).NotEmpty();
        });
        When(r => r.HoldId is not null, () =>
        {
            RuleFor(r => r.ClinicId).Null().WithMessage("With a holdId the clinic comes from the hold.");
            RuleFor(r => r.Start).Null().WithMessage("With a holdId the start comes from the hold.");
        });
    }
}

public sealed class CancelRequestValidator : AbstractValidator<CancelRequest>
{
    public CancelRequestValidator() => RuleFor(r => r.Reason).MaximumLength(500);
}

public sealed class CompleteRequestValidator : AbstractValidator<CompleteRequest>
{
    public CompleteRequestValidator()
    {
        RuleFor(r => r.AmountPaid!).SetValidator(new MoneyValidator()).When(r => r.AmountPaid is not null);
        RuleFor(r => r.Notes).MaximumLength(2000);
    }
}

public sealed class AvailabilityQueryValidator : AbstractValidator<AvailabilityQuery>
{
    public AvailabilityQueryValidator()
    {
        RuleFor(q => q.ClinicId).NotEmpty();
        RuleFor(q => q.ServiceId).NotEmpty();
        RuleFor(q => q.Date).NotEmpty().Must(d => ApiTime.TryParseDate(d, out _)).WithMessage("date must be a date YYYY-MM-DD.");
        RuleFor(q => q.Days).InclusiveBetween(1, 31);
    }
}

public sealed class AppointmentListQueryValidator : AbstractValidator<AppointmentListQuery>
{
    public AppointmentListQueryValidator()
    {
        RuleFor(q => q.Status).Must(s => s is null || AppointmentStatuses.Parse(s) is not null)
            .WithMessage("status must be one of confirmed, completed, cancelled, no_show.");
        RuleFor(q => q.From).Must(t => t is null || ApiTime.TryParseInstant(t, out _)).WithMessage("from must be an ISO-8601 instant.");
        RuleFor(q => q.To).Must(t => t is null || ApiTime.TryParseInstant(t, out _)).WithMessage("to must be an ISO-8601 instant.");
        RuleFor(q => q).Must(q => q.FromInstant is null || q.ToInstant is null || q.FromInstant < q.ToInstant)
            .WithMessage("from must be before to.").OverridePropertyName("to");
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).ValidPageSize();
    }
}
