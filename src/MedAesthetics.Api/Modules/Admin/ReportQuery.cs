using FluentValidation;
using MedAesthetics.Api.Platform.Http;
using NodaTime;

namespace MedAesthetics.Api.Modules.Admin;

/// <summary>?from&amp;to (dates, inclusive, in the platform timezone; default the last 30 days) &amp;clinicId &amp;format=json|csv</summary>
public sealed record ReportQuery
{
    [TextFormat(TextFormatAttribute.Date)] public string? From { get; init; }
    [TextFormat(TextFormatAttribute.Date)] public string? To { get; init; }
    public Guid? ClinicId { get; init; }
    [TextValues("json", "csv")] public string? Format { get; init; }

    public const int DefaultDays = 30;
    public const int MaxYears = 3;

    public LocalDate? FromDate => ApiTime.TryParseDate(From, out var d) ? d : null;
    public LocalDate? ToDate => ApiTime.TryParseDate(To, out var d) ? d : null;
    public bool WantsCsv => string.Equals(Format, "csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>The inclusive range asked for, today filling what is missing.</summary>
    public (LocalDate From, LocalDate To) Resolve(LocalDate today)
    {
        var to = ToDate ?? (FromDate is { } f && f.PlusDays(DefaultDays - 1) < today ? f.PlusDays(DefaultDays - 1) : today);
        return (FromDate ?? to.PlusDays(-(DefaultDays - 1)), to);
    }
}

public sealed class ReportQueryValidator : AbstractValidator<ReportQuery>
{
    private static readonly LocalDate Earliest = new(2000, 1, 1);
    private static readonly LocalDate Latest = new(2999, 12, 31);

    public ReportQueryValidator()
    {
        RuleFor(q => q.From).Must(t => t is null || (ApiTime.TryParseDate(t, out var d) && d >= Earliest && d <= Latest)).WithMessage("from must be a date YYYY-MM-DD between 2000 and 2999.");
        RuleFor(q => q.To).Must(t => t is null || (ApiTime.TryParseDate(t, out var d) && d >= Earliest && d <= Latest)).WithMessage("to must be a date YYYY-MM-DD between 2000 and 2999.");
        RuleFor(q => q).Must(q => q.FromDate is null || q.ToDate is null || q.FromDate <= q.ToDate).WithMessage("from must be on or before to.").OverridePropertyName("to");
        RuleFor(q => q).Must(q => q.FromDate is null || q.ToDate is null || q.FromDate >= q.ToDate.Value.PlusYears(-ReportQuery.MaxYears))
            .WithMessage($"The range may span at most {ReportQuery.MaxYears} years.").OverridePropertyName("from");
        RuleFor(q => q.Format).Must(f => f is null || f is "json" or "csv").WithMessage("format must be json or csv.");
    }
}
