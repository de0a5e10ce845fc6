using System.Text.Json;
using FluentValidation;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Crm;

public static class LeadEndpoints
{
    public static void MapLeadEndpoints(this IEndpointRouteBuilder routes)
    {
        var crm = routes.MapGroup("/crm").WithTags("CRM");

        crm.MapPost("/leads", async Task<Results<Created<LeadResponse>, Ok<LeadResponse>, ProblemHttpResult>> (
                CreateLeadRequest request, HttpContext http, LeadIntake intake, AccessScopeProvider scopes, CancellationToken ct) =>
            {
                var caller = Caller.FromPrincipal(http.User);
                if (caller is not null && request.ClinicId is { } clinicId && !http.Request.Headers.ContainsKey(LeadWebhooks.KeyHeader)
                    && !(await scopes.ForAsync(caller, ct)).CanReachClinic(clinicId))
                    return ApiProblems.Forbidden("You have no access to this clinic's leads.");
                var outcome = await intake.TakeInAsync(request, caller?.UserId, externalId: null, ct);
                return outcome.Succeeded ? TypedResults.Created($"/crm/leads/{outcome.Value!.Lead.Id}", LeadResponse.From(outcome.Value.Lead)) : outcome.Error!.ToProblem();
            })
            .AllowAnonymous()
            .AddEndpointFilter<WebhookKeyOrStaff>()
            .AddEndpointFilter<ValidationFilter>()
            .WithSummary("Take in a lead, from staff (bearer token) or an ad webhook (X-Webhook-Key)");

        crm.MapPost("/webhooks/facebook", async Task<Results<Ok<FacebookIntakeResponse>, ProblemHttpResult>> (
                JsonElement payload, Guid? clinicId, Guid? campaignId, LeadIntake intake, IValidator<CreateLeadRequest> validator, CancellationToken ct) =>
            {
                var leads = LeadWebhooks.ReadFacebook(payload);
                if (leads.Count == 0)
                    return ApiProblems.BadRequest("No lead with field_data was found in the payload.");
                var created = new List<LeadResponse>();
                var rejected = new List<FacebookRejection>();
                foreach (var facebookLead in leads)
                {
                    var request = LeadWebhooks.ToRequest(facebookLead, clinicId, campaignId);
                    var validation = await validator.ValidateAsync(request, ct);
                    if (!validation.IsValid)
                    {
                        rejected.Add(new FacebookRejection(facebookLead.LeadgenId, validation.Errors.Select(e => e.ErrorMessage).Distinct().ToList()));
                        continue;
                    }
                    var outcome = await intake.TakeInAsync(request, null, facebookLead.LeadgenId, ct);
                    if (outcome.Succeeded)
                        created.Add(LeadResponse.From(outcome.Value!.Lead));
                    else
                        rejected.Add(new FacebookRejection(facebookLead.LeadgenId, [outcome.Error!.Detail ?? "rejected"]));
                }
                return created.Count == 0
                    ? ApiProblems.BadRequest($"No lead could be taken in: {string.Join("; ", rejected.SelectMany(r => r.Errors).Distinct())}")
                    : TypedResults.Ok(new FacebookIntakeResponse(created, rejected));
            })
            .AllowAnonymous()
            .AddEndpointFilter(new WebhookKeyOnly())
            .WithSummary("Facebook Lead Ads webhook (field_data name/value pairs); ?clinicId=&campaignId= attribute the form's leads");

        var leads = crm.MapGroup("/leads").RequireAuthorization(Policies.Staff).WithValidation();

        leads.MapGet("", async Task<Ok<PageOf<LeadResponse>>> ([AsParameters] LeadListQuery query, Caller caller, AccessScopeProvider scopes, AppDbContext db, CancellationToken ct) =>
            {
                var scope = await scopes.ForAsync(caller, ct);
                var list = db.Set<Lead>().AsNoTracking().Reachable(scope);
                if (query.StatusFilter is { } status) list = list.Where(l => l.Status == status);
                if (query.SourceFilter is { } source) list = list.Where(l => l.Source == source);
                if (query.AssignedToId is { } assignee) list = list.Where(l => l.AssignedToId == assignee);
                if (query.ClinicId is { } clinic) list = list.Where(l => l.ClinicId == clinic);
                if (query.CampaignId is { } campaign) list = list.Where(l => l.CampaignId == campaign);
                if (!string.IsNullOrWhiteSpace(query.Tag))
                {
                    var tag = query.Tag.Trim().ToLowerInvariant();
                    list = list.Where(l => l.Tags.Contains(tag));
                }
                if (SearchPattern(query.Q) is { } pattern) list = list.Where(l => EF.Functions.Like(l.SearchText, pattern));
                if (query.From is { } from) list = list.Where(l => l.CreatedAt >= from);
                if (query.To is { } to) list = list.Where(l => l.CreatedAt < to);
                var page = await Sort(list, query.Sort).ToPageAsync(query.Paging, ct);
                return TypedResults.Ok(page.Map(LeadResponse.From));
            })
            .WithSummary("Search and filter leads (only those you may reach)");

        leads.MapGet("/{id:guid}", async Task<Results<Ok<LeadDetailResponse>, ProblemHttpResult>> (
                Guid id, Caller caller, AccessScopeProvider scopes, AppDbContext db, ITaskDirectory tasks, CancellationToken ct) =>
            {
                var lead = await db.Set<Lead>().AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, ct);
                if (lead is null || !(await scopes.ForAsync(caller, ct)).CanReach(lead))
                    return NoLead();
                var history = await db.Set<LeadStatusChange>().AsNoTracking().Where(h => h.LeadId == id).OrderBy(h => h.CreatedAt).ThenBy(h => h.Id)
                    .Select(h => new LeadHistoryEntry(h.FromStatus, h.ToStatus, h.ActorId, h.Reason, h.CreatedAt)).ToListAsync(ct);
                return TypedResults.Ok(LeadDetailResponse.From(lead, history, await tasks.ForLeadAsync(id, ct)));
            })
            .WithSummary("One lead with its status history and tasks");

        leads.MapPatch("/{id:guid}", async Task<Results<Ok<LeadResponse>, ProblemHttpResult>> (
                Guid id, UpdateLeadRequest request, Caller caller, AccessScopeProvider scopes, LeadPipelineService pipeline, CancellationToken ct) =>
            {
                var outcome = await pipeline.UpdateAsync(id, request, await scopes.ForAsync(caller, ct), ct);
                return outcome.Succeeded ? TypedResults.Ok(LeadResponse.From(outcome.Value!)) : outcome.Error!.ToProblem();
            })
            .WithSummary("Move a lead along the pipeline, reassign it, change its notes, tags or clinic");

        var tags = routes.MapGroup("/admin/tags").WithTags("Admin").RequireAuthorization(Policies.Admin).WithValidation();

        tags.MapPost("", async Task<Results<Created<TagResponse>, ProblemHttpResult>> (CreateTagRequest request, AppDbContext db, CancellationToken ct) =>
            {
                var tag = Tag.Create(request.Name, request.Color);
                db.Set<Tag>().Add(tag);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException e) when (e.IsUniqueViolation())
                {
                    return ApiProblems.Conflict($"A tag named '{tag.Name}' already exists.");
                }
                return TypedResults.Created($"/admin/tags/{tag.Id}", new TagResponse(tag.Id, tag.Name, tag.Color, tag.CreatedAt));
            })
            .WithSummary("Create a tag").WithName("createTag");

        tags.MapGet("", async Task<Ok<List<TagResponse>>> (AppDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await db.Set<Tag>().AsNoTracking().OrderBy(t => t.Name)
                    .Select(t => new TagResponse(t.Id, t.Name, t.Color, t.CreatedAt)).ToListAsync(ct)))
            .WithSummary("All tags").WithName("listTags");
    }

    public sealed record FacebookRejection(string? LeadgenId, IReadOnlyList<string> Errors);
    public sealed record FacebookIntakeResponse(IReadOnlyList<LeadResponse> Leads, IReadOnlyList<FacebookRejection> Rejected);

    private static ProblemHttpResult NoLead() => ApiProblems.NotFound("There is no such lead.");

    /// <summary>Partial, case-insensitive; a query that is mostly digits also matches the phone's digits ("691 234" finds +30691234...).</summary>
    private static string? SearchPattern(string? q)
    {
        if (string.IsNullOrWhiteSpace(q))
            return null;
        var text = q.Trim().ToLowerInvariant();
        var digits = new string(text.Where(char.IsDigit).ToArray());
        if (digits.Length >= 3 && text.All(c => char.IsDigit(c) || c is ' ' or '-' or '+' or '(' or ')' or '.'))
            text = digits;
        return $"%{text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_")}%";
    }

    private static IQueryable<Lead> Sort(IQueryable<Lead> leads, string? sort) => sort switch
    {
        "createdAt" => leads.OrderBy(l => l.CreatedAt).ThenBy(l => l.Id),
        "updatedAt" => leads.OrderBy(l => l.UpdatedAt).ThenBy(l => l.Id),
        "-updatedAt" => leads.OrderByDescending(l => l.UpdatedAt).ThenBy(l => l.Id),
        "firstName" => leads.OrderBy(l => l.FirstName).ThenBy(l => l.Id),
        "-firstName" => leads.OrderByDescending(l => l.FirstName).ThenBy(l => l.Id),
        "lastName" => leads.OrderBy(l => l.LastName).ThenBy(l => l.Id),
        "-lastName" => leads.OrderByDescending(l => l.LastName).ThenBy(l => l.Id),
        "status" => leads.OrderBy(l => l.Status).ThenBy(l => l.Id),
        "-status" => leads.OrderByDescending(l => l.Status).ThenBy(l => l.Id),
        _ => leads.OrderByDescending(l => l.CreatedAt).ThenBy(l => l.Id),
    };
}

/// <summary>POST /crm/leads accepts an ad webhook with the right X-Webhook-Key, or a member of staff with a token; nothing else gets as far as validation.</summary>
public sealed class WebhookKeyOrStaff : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.Headers.TryGetValue(LeadWebhooks.KeyHeader, out var key))
            return LeadWebhooks.KeyMatches(key.ToString(), http.RequestServices.GetRequiredService<IConfiguration>()["LEAD_WEBHOOK_KEY"])
                ? await next(context)
                : ApiProblems.Unauthorized("The webhook key is wrong.");
        var caller = Caller.FromPrincipal(http.User);
        if (caller is null)
            return ApiProblems.Unauthorized("Sign in as staff, or send the webhook key in X-Webhook-Key.");
        return caller.IsStaff ? await next(context) : ApiProblems.Forbidden("Only staff and ad webhooks create leads.");
    }
}

/// <summary>Webhook-only endpoints: a missing or wrong X-Webhook-Key is 401.</summary>
public sealed class WebhookKeyOnly : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var presented = http.Request.Headers.TryGetValue(LeadWebhooks.KeyHeader, out var key) ? key.ToString() : null;
        return LeadWebhooks.KeyMatches(presented, http.RequestServices.GetRequiredService<IConfiguration>()["LEAD_WEBHOOK_KEY"])
            ? await next(context)
            : ApiProblems.Unauthorized("A valid X-Webhook-Key header is required.");
    }
}
