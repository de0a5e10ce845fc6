using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

public static class CampaignEndpoints
{
    public static void MapCampaignEndpoints(this IEndpointRouteBuilder routes)
    {
        var campaigns = routes.MapGroup("/crm/campaigns").WithTags("CRM")
            .RequireAuthorization(p => p.RequireRole(UserRole.Admin.Name(), UserRole.Salesperson.Name()))
            .WithValidation();

        campaigns.MapPost("", async Task<Results<Created<CampaignResponse>, ProblemHttpResult>> (
                CreateCampaignRequest request, Caller caller, AccessScopeProvider scopes, IUserDirectory users, IClinicDirectory clinics,
                AppDbContext db, CancellationToken ct) =>
            {
                var owner = request.OwnerAgentId;
                if (!caller.IsAdmin)
                {
                    if (owner is { } someone && someone != caller.UserId)
                        return ApiProblems.Forbidden("A salesperson creates campaigns it owns: ownerAgentId may only be yourself.");
                    owner = caller.UserId;
                }
                else if (owner is { } ownerId && await users.FindAsync(ownerId, ct) is not { Role: UserRole.Salesperson, IsActive: true })
                {
                    return ApiProblems.Invalid("ownerAgentId", "The owner must be an active salesperson.");
                }
                if (request.ClinicId is { } clinicId)
                {
                    if (await clinics.FindClinicAsync(clinicId, ct) is null)
                        return ApiProblems.NotFound("There is no such clinic.");
                    if (!(await scopes.ForAsync(caller, ct)).CanReachClinic(clinicId))
                        return ApiProblems.Forbidden("You have no access to this clinic.");
                }
                var campaign = Campaign.Create(request.Name, request.Channel!.Value, request.ClinicId, owner, request.StartsOn, request.EndsOn,
                    request.Budget?.Amount, request.CampaignCurrency);
                db.Set<Campaign>().Add(campaign);
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"/crm/campaigns/{campaign.Id}", CampaignResponse.From(campaign));
            })
            .WithSummary("Create an ad campaign (admin for anyone; a salesperson for itself, for a clinic it has access to or none)");

        campaigns.MapGet("", async Task<Ok<PageOf<CampaignResponse>>> (
                [AsParameters] CampaignListQuery query, Caller caller, AccessScopeProvider scopes, AppDbContext db, CancellationToken ct) =>
            {
                var list = db.Set<Campaign>().AsNoTracking().Visible(await scopes.ForAsync(caller, ct));
                if (query.ChannelFilter is { } channel) list = list.Where(c => c.Channel == channel);
                if (query.ClinicId is { } clinic) list = list.Where(c => c.ClinicId == clinic);
                var page = await list.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id).ToPageAsync(query.Paging, ct);
                return TypedResults.Ok(page.Map(CampaignResponse.From));
            })
            .WithSummary("List campaigns (admin all; a salesperson its own, its clinics' and those with neither clinic nor owner)");

        campaigns.MapGet("/{id:guid}", async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> (
                Guid id, Caller caller, AccessScopeProvider scopes, AppDbContext db, CancellationToken ct) =>
            await VisibleCampaignAsync(id, caller, scopes, db, ct) is { } campaign
                ? TypedResults.Ok(CampaignResponse.From(campaign))
                : NoCampaign())
            .WithSummary("One campaign");

        campaigns.MapPost("/{id:guid}/spend", async Task<Results<Created<SpendLogResponse>, ProblemHttpResult>> (
                Guid id, LogSpendRequest request, Caller caller, AccessScopeProvider scopes, AppDbContext db, CancellationToken ct) =>
            {
                if (await VisibleCampaignAsync(id, caller, scopes, db, ct) is not { } campaign)
                    return NoCampaign();
                if (request.Amount.Currency != campaign.Currency)
                    return ApiProblems.Invalid("amount.currency", $"Spend on this campaign is logged in {campaign.Currency}.");
                var log = SpendLog.Record(campaign.Id, request.SpentOn, request.Amount.Amount, request.Amount.Currency, caller.UserId);
                db.Set<SpendLog>().Add(log);
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"/crm/campaigns/{campaign.Id}/spend/{log.Id}", SpendLogResponse.From(log));
            })
            .WithSummary("Log money spent on a campaign on one day (several logs of one day add up)");

        campaigns.MapGet("/{id:guid}/spend", async Task<Results<Ok<PageOf<SpendLogResponse>>, ProblemHttpResult>> (
                Guid id, [AsParameters] PageQuery paging, Caller caller, AccessScopeProvider scopes, AppDbContext db, CancellationToken ct) =>
            {
                if (await VisibleCampaignAsync(id, caller, scopes, db, ct) is null)
                    return NoCampaign();
                var page = await db.Set<SpendLog>().AsNoTracking().Where(s => s.CampaignId == id)
                    .OrderByDescending(s => s.SpentOn).ThenByDescending(s => s.CreatedAt).ThenBy(s => s.Id).ToPageAsync(paging, ct);
                return TypedResults.Ok(page.Map(SpendLogResponse.From));
            })
            .WithSummary("A campaign's spend logs, latest day first");

        campaigns.MapGet("/{id:guid}/metrics", async Task<Results<Ok<CampaignMetricsResponse>, ProblemHttpResult>> (
                Guid id, [AsParameters] CampaignMetricsQuery query, Caller caller, AccessScopeProvider scopes, AppDbContext db,
                IClock clock, IPlatformSettings settings, CancellationToken ct) =>
            {
                var zone = DateTimeZoneProviders.Tzdb[(await settings.GetAsync(ct)).DefaultTimezone];
                var (from, to, problem) = query.Resolve(clock.GetCurrentInstant().InZone(zone).Date);
                if (problem is not null)
                    return ApiProblems.Invalid("from", problem);
                if (await VisibleCampaignAsync(id, caller, scopes, db, ct) is not { } campaign)
                    return NoCampaign();
                var figures = await CampaignMetrics.LoadAsync(db, campaign, from, to, zone, ct);
                return TypedResults.Ok(CampaignMetricsResponse.Of(campaign.Id, from, to, campaign.Currency, figures));
            })
            .WithSummary("A campaign's spend, leads, conversions, cost per lead, revenue and ROAS over ?from&to (dates, inclusive; default the last 30 days)");
    }

    private static ProblemHttpResult NoCampaign() => ApiProblems.NotFound("There is no such campaign.");

    private static async Task<Campaign?> VisibleCampaignAsync(Guid id, Caller caller, AccessScopeProvider scopes, AppDbContext db, CancellationToken ct)
    {
        var campaign = await db.Set<Campaign>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        return campaign is not null && (await scopes.ForAsync(caller, ct)).CanSee(campaign) ? campaign : null;
    }
}

/// <summary>
/// Which campaigns a caller sees: the admin all; a salesperson those it owns, those of clinics granted to it, and those with
/// neither clinic nor owner (as with unassigned leads without a clinic), so another salesperson's campaign stays out of sight.
/// </summary>
public static class CampaignAccess
{
    public static IQueryable<Campaign> Visible(this IQueryable<Campaign> campaigns, AccessScope scope)
    {
        if (scope.IsAdmin)
            return campaigns;
        var me = scope.Caller.UserId;
        var agentClinics = scope.AgentClinics.ToList();
        return campaigns.Where(c => c.OwnerAgentId == me
                                    || (c.ClinicId != null && agentClinics.Contains(c.ClinicId.Value))
                                    || (c.ClinicId == null && c.OwnerAgentId == null));
    }

    public static bool CanSee(this AccessScope scope, Campaign campaign) =>
        scope.IsAdmin
        || campaign.OwnerAgentId == scope.Caller.UserId
        || (campaign.ClinicId is { } clinic && scope.AgentClinics.Contains(clinic))
        || (campaign.ClinicId is null && campaign.OwnerAgentId is null);
}
