using FluentValidation;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;

namespace MedAesthetics.Api.Modules.Webhooks;

/// <summary>
/// POST /admin/webhooks: the receiver's URL, the event types it wants, its signing secret (at least 16 characters; left
/// out, one is generated and returned once) and the clinic whose events it gets (required for clinic owners; an admin
/// leaves it out for every clinic).
/// </summary>
public sealed record CreateWebhookRequest(string Url, IReadOnlyList<string> EventTypes, string? Secret, Guid? ClinicId);

public sealed record WebhookListQuery(Guid? ClinicId, int? Page, int? PageSize)
{
    public PageQuery Paging => new(Page, PageSize);
}

public sealed record WebhookDeliveryListQuery
{
    public string? Status { get; init; }
    public int? Page { get; init; }
    public int? PageSize { get; init; }

    public PageQuery Paging => new(Page, PageSize);
    public WebhookDeliveryStatus? StatusFilter => EnumColumns.Parse<WebhookDeliveryStatus>(Status);
}

public sealed class CreateWebhookRequestValidator : AbstractValidator<CreateWebhookRequest>
{
    public CreateWebhookRequestValidator()
    {
        RuleFor(r => r.Url).NotEmpty().MaximumLength(WebhookUrlPolicy.MaxUrlLength);
        RuleFor(r => r.EventTypes).NotEmpty().WithMessage("eventTypes must name at least one event type.")
            .Must(t => t is null || t.Distinct().Count() == t.Count).WithMessage("eventTypes must not repeat a type.");
        RuleForEach(r => r.EventTypes).Must(t => WebhookEventTypes.All.Contains(t))
            .WithMessage($"Each event type must be one of {string.Join(", ", WebhookEventTypes.All)}.");
        RuleFor(r => r.Secret).Length(WebhookSigner.MinSecretLength, WebhookSigner.MaxSecretLength)
            .Must(s => s is null || s.Trim() == s).WithMessage("secret must not start or end with white space.")
            .When(r => r.Secret is not null);
        RuleFor(r => r.ClinicId).NotEqual(Guid.Empty).When(r => r.ClinicId is not null);
    }
}

public sealed class WebhookListQueryValidator : AbstractValidator<WebhookListQuery>
{
    public WebhookListQueryValidator()
    {
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).ValidPageSize();
    }
}

public sealed class WebhookDeliveryListQueryValidator : AbstractValidator<WebhookDeliveryListQuery>
{
    public WebhookDeliveryListQueryValidator()
    {
        RuleFor(q => q.Status).Must(s => s is null || EnumColumns.Parse<WebhookDeliveryStatus>(s) is not null)
            .WithMessage($"status must be one of {EnumColumns.Names<WebhookDeliveryStatus>()}.");
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).ValidPageSize();
    }
}
