using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>The reads of campaigns, filtered by <see cref="CampaignAccess"/>: lists, one campaign, its spend and its metrics.</summary>
public sealed class CampaignQueries(AppDbContext db, IPlatformSettings platformSettings, IClock clock)
{
    public static Error NoCampaign() => Error.NotFound("There is no such campaign.");

    public async Task<PageOf<CampaignResponse>> ListAsync(CampaignListQuery query, AccessScope scope, CancellationToken ct)
    {
        var list = db.Set<Campaign>().AsNoTracking().Visible(scope);
        if (query.ChannelFilter is { } channel) list = list.Where(c => c.Channel == channel);
        if (query.ClinicId is { } clinic) list = list.Where(c => c.ClinicId == clinic);
        var page = await list.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id).ToPageAsync(query.Paging, ct);
        return page.Map(CampaignResponse.From);
    }

    public async Task<Outcome<CampaignResponse>> FindAsync(Guid id, AccessScope scope, CancellationToken ct) =>
        await VisibleAsync(id, scope, ct) is { } campaign ? CampaignResponse.From(campaign) : NoCampaign();

    public async Task<Outcome<PageOf<SpendLogResponse>>> SpendAsync(Guid id, PageQuery paging, AccessScope scope, CancellationToken ct)
    {
        if (await VisibleAsync(id, scope, ct) is null)
            return NoCampaign();
        var page = await db.Set<SpendLog>().AsNoTracking().Where(s => s.CampaignId == id)
            .OrderByDescending(s => s.SpentOn).ThenByDescending(s => s.CreatedAt).ThenBy(s => s.Id).ToPageAsync(paging, ct);
        return page.Map(SpendLogResponse.From);
    }

    public async Task<Outcome<CampaignMetricsResponse>> MetricsAsync(Guid id, CampaignMetricsQuery query, AccessScope scope, CancellationToken ct)
    {
        var zone = DateTimeZoneProviders.Tzdb[(await platformSettings.GetAsync(ct)).DefaultTimezone];
        var (from, to, problem) = query.Resolve(clock.GetCurrentInstant().InZone(zone).Date);
        if (problem is not null)
            return Error.Invalid("from", problem);
        if (await VisibleAsync(id, scope, ct) is not { } campaign)
            return NoCampaign();
        var figures = await CampaignMetrics.LoadAsync(db, campaign, from, to, zone, ct);
        return CampaignMetricsResponse.Of(campaign.Id, from, to, campaign.Currency, figures);
    }

    private Task<Campaign?> VisibleAsync(Guid id, AccessScope scope, CancellationToken ct) =>
        db.Set<Campaign>().AsNoTracking().Visible(scope).SingleOrDefaultAsync(c => c.Id == id, ct);
}
