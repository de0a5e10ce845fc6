using MedAesthetics.Api.Platform.Persistence;
using FluentValidation;
using MedAesthetics.Api.Platform.Http;
using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>
/// POST /crm/campaigns. The campaign's currency is the budget's, else <c>currency</c>, else EUR; spend must be logged in it.
/// <c>facebookFormIds</c>/<c>facebookAdIds</c> name the Facebook lead forms and ads whose leads belong to the campaign.
/// </summary>
public sealed record CreateCampaignRequest(
    string Name, CampaignChannel? Channel, Guid? ClinicId, Guid? OwnerAgentId, LocalDate? StartsOn, LocalDate? EndsOn, Money? Budget, string? Currency,
    string[]? FacebookFormIds = null, string[]? FacebookAdIds = null)
{
    public const string DefaultCurrency = "EUR";
    public string CampaignCurrency => Budget?.Currency ?? Currency ?? DefaultCurrency;
}

/// <summary>PATCH /crm/campaigns/{id}: only the fields sent change; a Facebook id list sent replaces the campaign's.</summary>
public sealed record UpdateCampaignRequest(string? Name, string[]? FacebookFormIds, string[]? FacebookAdIds);

public sealed record LogSpendRequest(LocalDate SpentOn, Money Amount);

public sealed record CampaignListQuery
{
    [TextValues(typeof(CampaignChannel))] public string? Channel { get; init; }
    public Guid? ClinicId { get; init; }
    public int? Page { get; init; }
    public int? PageSize { get; init; }

    public PageQuery Paging => new(Page, PageSize);
    public CampaignChannel? ChannelFilter => EnumColumns.Parse<CampaignChannel>(Channel);
}

/// <summary>GET /crm/campaigns/{id}/metrics: both dates inclusive, YYYY-MM-DD; missing ones default to the last 30 days up to today.</summary>
public sealed record CampaignMetricsQuery
{
    [TextFormat(TextFormatAttribute.Date)] public string? From { get; init; }
    [TextFormat(TextFormatAttribute.Date)] public string? To { get; init; }

    public const int DefaultDays = 30;
    public const int MaxYears = 3;

    public LocalDate? FromDate => ApiTime.TryParseDate(From, out var d) ? d : null;
    public LocalDate? ToDate => ApiTime.TryParseDate(To, out var d) ? d : null;

    /// <summary>The inclusive range asked for, with defaults taken from today; null with the reason when it is not acceptable.</summary>
    public (LocalDate From, LocalDate To, string? Problem) Resolve(LocalDate today)
    {
        var to = ToDate ?? today;
        var from = FromDate ?? to.PlusDays(-(DefaultDays - 1));
        if (from > to)
            return (from, to, "from must be on or before to.");
        if (from < to.PlusYears(-MaxYears))
            return (from, to, $"The range may span at most {MaxYears} years.");
        return (from, to, null);
    }
}

internal static class CampaignValidators
{
    // Date arithmetic (to + 1 day, zone conversion) stays far from NodaTime's limits, and no ad campaign runs outside these years.
    public static readonly LocalDate EarliestDate = new(2000, 1, 1);
    public static readonly LocalDate LatestDate = new(2999, 12, 31);
    public static readonly string DateRangeMessage = $"Dates must lie between {ApiTime.Date.Format(EarliestDate)} and {ApiTime.Date.Format(LatestDate)}.";

    public static bool InRange(LocalDate date) => date >= EarliestDate && date <= LatestDate;

    public static IRuleBuilderOptions<T, LocalDate?> ValidCampaignDate<T>(this IRuleBuilder<T, LocalDate?> rule) =>
        rule.Must(d => d is null || InRange(d.Value)).WithMessage(DateRangeMessage);

    public const int MaxFacebookIds = 100;

    public static IRuleBuilderOptions<T, string[]?> ValidFacebookIds<T>(this IRuleBuilder<T, string[]?> rule) =>
        rule.Must(ids => ids is null || (ids.Length <= MaxFacebookIds && ids.All(LeadWebhooks.IsFacebookId)))
            .WithMessage($"Give at most {MaxFacebookIds} Facebook ids, each a string of digits.");

    public static IRuleBuilderOptions<T, string?> ValidQueryDate<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(t => t is null || (ApiTime.TryParseDate(t, out var d) && InRange(d)))
            .WithMessage($"Give a date as YYYY-MM-DD. {DateRangeMessage}");
}

public sealed class CreateCampaignRequestValidator : AbstractValidator<CreateCampaignRequest>
{
    public CreateCampaignRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Channel).NotNull().WithMessage($"channel is required: one of {EnumColumns.Names<CampaignChannel>()}.").IsInEnum();
        RuleFor(r => r.StartsOn).ValidCampaignDate();
        RuleFor(r => r.EndsOn).ValidCampaignDate()
            .Must((r, endsOn) => r.StartsOn is null || endsOn is null || r.StartsOn.Value <= endsOn.Value).WithMessage("endsOn must be on or after startsOn.");
        RuleFor(r => r.Budget!).SetValidator(new MoneyValidator()).When(r => r.Budget is not null);
        RuleFor(r => r.Currency).Matches("^[A-Z]{3}$").WithMessage("The currency must be a 3-letter ISO 4217 code such as EUR.").When(r => r.Currency is not null);
        RuleFor(r => r.Currency).Must((r, currency) => r.Budget is null || currency is null || currency == r.Budget.Currency)
            .WithMessage("currency must match the budget's currency.").When(r => r.Currency is not null);
        RuleFor(r => r.FacebookFormIds).ValidFacebookIds();
        RuleFor(r => r.FacebookAdIds).ValidFacebookIds();
    }
}

public sealed class UpdateCampaignRequestValidator : AbstractValidator<UpdateCampaignRequest>
{
    public UpdateCampaignRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200).When(r => r.Name is not null);
        RuleFor(r => r.FacebookFormIds).ValidFacebookIds();
        RuleFor(r => r.FacebookAdIds).ValidFacebookIds();
    }
}

public sealed class LogSpendRequestValidator : AbstractValidator<LogSpendRequest>
{
    public LogSpendRequestValidator()
    {
        RuleFor(r => r.SpentOn).Must(CampaignValidators.InRange).WithMessage(CampaignValidators.DateRangeMessage);
        RuleFor(r => r.Amount).NotNull().SetValidator(new MoneyValidator());
    }
}

public sealed class CampaignListQueryValidator : AbstractValidator<CampaignListQuery>
{
    public CampaignListQueryValidator()
    {
        RuleFor(q => q.Channel).Must(c => c is null || EnumColumns.Parse<CampaignChannel>(c) is not null)
            .WithMessage($"channel must be one of: {EnumColumns.Names<CampaignChannel>()}.");
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).ValidPageSize();
    }
}

public sealed class CampaignMetricsQueryValidator : AbstractValidator<CampaignMetricsQuery>
{
    public CampaignMetricsQueryValidator()
    {
        RuleFor(q => q.From).ValidQueryDate();
        RuleFor(q => q.To).ValidQueryDate();
    }
}

public sealed record CampaignResponse(
    Guid Id, string Name, CampaignChannel? Channel, Guid? ClinicId, Guid? OwnerAgentId, LocalDate? StartsOn, LocalDate? EndsOn,
    Money? Budget, string Currency, IReadOnlyList<string> FacebookFormIds, IReadOnlyList<string> FacebookAdIds, Instant CreatedAt)
{
    public static CampaignResponse From(Campaign c) => new(c.Id, c.Name, c.Channel, c.ClinicId, c.OwnerAgentId, c.StartsOn, c.EndsOn,
        c.Budget is { } budget ? Money.Of(budget, c.Currency) : null, c.Currency, c.FacebookFormIds, c.FacebookAdIds, c.CreatedAt);
}

public sealed record SpendLogResponse(Guid Id, Guid CampaignId, LocalDate SpentOn, Money Amount, Guid? LoggedBy, Instant CreatedAt)
{
    public static SpendLogResponse From(SpendLog s) => new(s.Id, s.CampaignId, s.SpentOn, Money.Of(s.Amount, s.Currency), s.LoggedBy, s.CreatedAt);
}

/// <summary>
/// Metrics of one campaign over [from, to]: spend, revenue and costPerLead are amounts in <c>currency</c> (2 decimals);
/// conversionRate (0..1) and roas are ratios (4 decimals); a ratio over zero is null.
/// </summary>
public sealed record CampaignMetricsResponse(
    Guid CampaignId, LocalDate From, LocalDate To, string Currency,
    decimal Spend, int Leads, int ConvertedLeads, decimal? CostPerLead, decimal? ConversionRate, decimal Revenue, decimal? Roas)
{
    public static CampaignMetricsResponse Of(Guid campaignId, LocalDate from, LocalDate to, string currency, CampaignFigures f) =>
        new(campaignId, from, to, currency, f.Spend, f.Leads, f.ConvertedLeads, f.CostPerLead, f.ConversionRate, f.Revenue, f.Roas);
}
