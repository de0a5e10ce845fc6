using FluentValidation;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>GET /crm/webhooks/facebook/leadgens: ?status (pending, taken_in, failed, skipped), newest first.</summary>
public sealed record FacebookLeadgenListQuery
{
    public string? Status { get; init; }
    public int? Page { get; init; }
    public int? PageSize { get; init; }

    public PageQuery Paging => new(Page, PageSize);
    public LeadgenStatus? StatusFilter => EnumColumns.Parse<LeadgenStatus>(Status);
}

public sealed class FacebookLeadgenListQueryValidator : AbstractValidator<FacebookLeadgenListQuery>
{
    public FacebookLeadgenListQueryValidator()
    {
        RuleFor(q => q.Status).Must(s => s is null || EnumColumns.Parse<LeadgenStatus>(s) is not null)
            .WithMessage($"status must be one of: {EnumColumns.Names<LeadgenStatus>()}.");
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).ValidPageSize();
    }
}

/// <summary>A recorded leadgen id and what became of it: the lead it made, or why it failed or was skipped.</summary>
public sealed record FacebookLeadgenResponse(
    Guid Id, string LeadgenId, string? PageId, string? FormId, string? AdId, string? AdgroupId, Instant? SubmittedAt, Guid? ClinicId, Guid? CampaignId,
    LeadgenStatus Status, int Attempts, Instant? NextAttemptAt, string? Reason, Guid? LeadId, Instant? CompletedAt, Instant CreatedAt)
{
    public static FacebookLeadgenResponse From(FacebookLeadgen l) => new(l.Id, l.LeadgenId, l.PageId, l.FormId, l.AdId, l.AdgroupId, l.SubmittedAt,
        l.ClinicId, l.CampaignId, l.Status, l.Attempts, l.Status == LeadgenStatus.Pending ? l.NextAttemptAt : null, l.Reason, l.LeadId, l.CompletedAt, l.CreatedAt);
}

/// <summary>The admin's view of Facebook leadgens, so that a skipped or failed fetch is seen and not only logged.</summary>
public sealed class FacebookLeadgenQueries(AppDbContext db)
{
    public async Task<PageOf<FacebookLeadgenResponse>> ListAsync(FacebookLeadgenListQuery query, CancellationToken ct)
    {
        var list = db.Set<FacebookLeadgen>().AsNoTracking();
        if (query.StatusFilter is { } status)
            list = list.Where(l => l.Status == status);
        var page = await list.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).ToPageAsync(query.Paging, ct);
        return page.Map(FacebookLeadgenResponse.From);
    }
}
