using FluentValidation;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

public sealed record CreateLeadRequest(
    string FirstName, string? LastName, string? Email, string? Phone, LeadSource Source,
    Guid? ClinicId, Guid? CampaignId, string? Notes, string[]? Tags);

public sealed record UpdateLeadRequest(LeadStatus? Status, Guid? AssignedToId, string? Notes, string[]? Tags, Guid? ClinicId);

public sealed record CreateTagRequest(string Name, string? Color);

public sealed record LeadListQuery
{
    [TextValues(typeof(LeadStatus))] public string? Status { get; init; }
    [TextValues(typeof(LeadSource))] public string? Source { get; init; }
    public Guid? AssignedToId { get; init; }
    public Guid? ClinicId { get; init; }
    public Guid? CampaignId { get; init; }
    public string? Tag { get; init; }
    public string? Q { get; init; }
    public string? CreatedFrom { get; init; }
    public string? CreatedTo { get; init; }
    [TextValues(typeof(LeadListQuery), nameof(LeadListQuery.Sorts))] public string? Sort { get; init; }
    public int? Page { get; init; }
    public int? PageSize { get; init; }

    public static readonly string[] Sorts = ["createdAt", "-createdAt", "updatedAt", "-updatedAt", "firstName", "-firstName", "lastName", "-lastName", "status", "-status"];
    public PageQuery Paging => new(Page, PageSize);
    public LeadStatus? StatusFilter => EnumColumns.Parse<LeadStatus>(Status);
    public LeadSource? SourceFilter => EnumColumns.Parse<LeadSource>(Source);
    public Instant? From => ApiTime.TryParseInstant(CreatedFrom, out var i) ? i : ApiTime.TryParseDate(CreatedFrom, out var d) ? d.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant() : null;
    public Instant? To => ApiTime.TryParseInstant(CreatedTo, out var i) ? i : ApiTime.TryParseDate(CreatedTo, out var d) ? d.PlusDays(1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant() : null;
}


internal static class LeadValidators
{
    public static IRuleBuilderOptions<T, string[]?> ValidTags<T>(this IRuleBuilder<T, string[]?> rule) =>
        rule.Must(tags => tags is null || (tags.Length <= 20 && tags.All(t => !string.IsNullOrWhiteSpace(t) && t.Trim().Length <= 50)))
            .WithMessage("At most 20 tags of 1 to 50 characters.");
}

public sealed class CreateLeadRequestValidator : AbstractValidator<CreateLeadRequest>
{
    public CreateLeadRequestValidator()
    {
        RuleFor(r => r.FirstName).NotEmpty().MaximumLength(100);
        RuleFor(r => r.LastName).MaximumLength(100);
        RuleFor(r => r.Email).MaximumLength(254).EmailAddress().When(r => !string.IsNullOrWhiteSpace(r.Email));
        RuleFor(r => r.Phone).MaximumLength(32);
        RuleFor(r => r).Must(r => !string.IsNullOrWhiteSpace(r.Email) || !string.IsNullOrWhiteSpace(r.Phone))
            .WithMessage("A lead needs an email or a phone.").OverridePropertyName("email");
        RuleFor(r => r.Source).IsInEnum();
        RuleFor(r => r.Notes).MaximumLength(4000);
        RuleFor(r => r.Tags).ValidTags();
    }
}

public sealed class UpdateLeadRequestValidator : AbstractValidator<UpdateLeadRequest>
{
    public UpdateLeadRequestValidator()
    {
        RuleFor(r => r.Status).IsInEnum();
        RuleFor(r => r.Notes).MaximumLength(4000);
        RuleFor(r => r.Tags).ValidTags();
    }
}

public sealed class CreateTagRequestValidator : AbstractValidator<CreateTagRequest>
{
    public CreateTagRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(50);
        RuleFor(r => r.Color).Matches("^#[0-9A-Fa-f]{6}$").When(r => r.Color is not null).WithMessage("color must look like #A1B2C3.");
    }
}

public sealed class LeadListQueryValidator : AbstractValidator<LeadListQuery>
{
    public LeadListQueryValidator()
    {
        RuleFor(q => q.Status).Must(s => s is null || EnumColumns.Parse<LeadStatus>(s) is not null).WithMessage($"status must be one of: {EnumColumns.Names<LeadStatus>()}.");
        RuleFor(q => q.Source).Must(s => s is null || EnumColumns.Parse<LeadSource>(s) is not null).WithMessage($"source must be one of: {EnumColumns.Names<LeadSource>()}.");
        RuleFor(q => q.Q).MaximumLength(100);
        RuleFor(q => q.Tag).MaximumLength(50);
        RuleFor(q => q.CreatedFrom).Must(t => t is null || ApiTime.TryParseInstant(t, out _) || ApiTime.TryParseDate(t, out _)).WithMessage("createdFrom must be a date or an instant.");
        RuleFor(q => q.CreatedTo).Must(t => t is null || ApiTime.TryParseInstant(t, out _) || ApiTime.TryParseDate(t, out _)).WithMessage("createdTo must be a date or an instant.");
        RuleFor(q => q.Sort).Must(s => s is null || LeadListQuery.Sorts.Contains(s)).WithMessage($"sort must be one of: {string.Join(", ", LeadListQuery.Sorts)}.");
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).ValidPageSize();
    }
}

public sealed record LeadResponse(
    Guid Id, string FirstName, string? LastName, string? Email, string? Phone, LeadSource Source, LeadStatus Status,
    Guid? ClinicId, Guid? CampaignId, Guid? AssignedToId, Guid? DuplicateOfId, IReadOnlyList<string> Tags, string? Notes,
    Instant CreatedAt, Instant UpdatedAt)
{
    public static LeadResponse From(Lead l) => new(l.Id, l.FirstName, l.LastName, l.Email, l.Phone, l.Source, l.Status, l.ClinicId, l.CampaignId,
        l.AssignedToId, l.DuplicateOfId, l.Tags, l.Notes, l.CreatedAt, l.UpdatedAt);

    /// <summary><see cref="From"/> as an expression, for lists that project in SQL.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Lead, LeadResponse>> Projection = l => new LeadResponse(l.Id, l.FirstName,
        l.LastName, l.Email, l.Phone, l.Source, l.Status, l.ClinicId, l.CampaignId, l.AssignedToId, l.DuplicateOfId, l.Tags, l.Notes, l.CreatedAt,
        l.UpdatedAt);
}

public sealed record LeadHistoryEntry(LeadStatus? From, LeadStatus To, Guid? ActorId, string? Reason, Instant At);

/// <summary>A lead with its status history (oldest first) and its tasks.</summary>
public sealed record LeadDetailResponse(
    Guid Id, string FirstName, string? LastName, string? Email, string? Phone, LeadSource Source, LeadStatus Status,
    Guid? ClinicId, Guid? CampaignId, Guid? AssignedToId, Guid? DuplicateOfId, IReadOnlyList<string> Tags, string? Notes,
    Instant CreatedAt, Instant UpdatedAt, IReadOnlyList<LeadHistoryEntry> History, IReadOnlyList<TaskSummary> Tasks)
{
    public static LeadDetailResponse From(Lead l, IReadOnlyList<LeadHistoryEntry> history, IReadOnlyList<TaskSummary> tasks) =>
        new(l.Id, l.FirstName, l.LastName, l.Email, l.Phone, l.Source, l.Status, l.ClinicId, l.CampaignId, l.AssignedToId, l.DuplicateOfId,
            l.Tags, l.Notes, l.CreatedAt, l.UpdatedAt, history, tasks);
}

public sealed record TagResponse(Guid Id, string Name, string? Color, Instant CreatedAt);
