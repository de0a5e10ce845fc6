using FluentValidation;
using MedAesthetics.Api.Platform.Http;
using NodaTime;

namespace MedAesthetics.Api.Modules.Audit;

public sealed record AuditLogQuery
{
    public string? EntityType { get; init; }
    public Guid? EntityId { get; init; }
    public Guid? ActorId { get; init; }
    [TextFormat(TextFormatAttribute.DateTime)] public string? From { get; init; }
    [TextFormat(TextFormatAttribute.DateTime)] public string? To { get; init; }
    public int? Page { get; init; }
    public int? PageSize { get; init; }

    public PageQuery Paging => new(Page, PageSize);
    public Instant? FromInstant => ApiTime.TryParseInstant(From, out var i) ? i : null;
    public Instant? ToInstant => ApiTime.TryParseInstant(To, out var i) ? i : null;
}

public sealed class AuditLogQueryValidator : AbstractValidator<AuditLogQuery>
{
    public AuditLogQueryValidator()
    {
        RuleFor(q => q.EntityType).MaximumLength(80).Matches("^[a-z_]+$").WithMessage("entityType is a snake_case entity name such as appointment or lead.");
        RuleFor(q => q.From).Must(t => t is null || ApiTime.TryParseInstant(t, out _)).WithMessage("from must be an ISO-8601 instant.");
        RuleFor(q => q.To).Must(t => t is null || ApiTime.TryParseInstant(t, out _)).WithMessage("to must be an ISO-8601 instant.");
        RuleFor(q => q).Must(q => q.FromInstant is null || q.ToInstant is null || q.FromInstant < q.ToInstant)
            .WithMessage("from must be before to.").OverridePropertyName("to");
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).ValidPageSize();
    }
}
