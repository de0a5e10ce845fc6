using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>The reads of leads and tags; leads filtered by <see cref="LeadAccess"/>.</summary>
public sealed class LeadQueries(AppDbContext db, ITaskDirectory tasks, PastCapMemory pastCap)
{
    public static Error NoLead() => Error.NotFound("There is no such lead.");

    /// <summary>A lead list's <c>total</c> is exact up to this many matches; beyond it the list says TotalCap + 1 ("more than 1,000").</summary>
    public const int TotalCap = 1000;

    public async Task<PageOf<LeadResponse>> SearchAsync(LeadListQuery query, AccessScope scope, CancellationToken ct)
    {
        var reach = LeadAccess.ReachOf(scope);
        var list = db.Set<Lead>().AsNoTracking().Where(reach.Filter);
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
        // Projected in SQL: the page reads only the answer's columns and materialises no entity. A "more than the cap" answer
        // is remembered for the filters (the whole query but its page and order: a record, compared field by field) and the reach.
        var matches = (nameof(SearchAsync), query with { Page = null, PageSize = null, Sort = null }, reach.Key);
        return await Sort(list, query.Sort).Select(LeadResponse.Projection).ToCappedPageAsync(list, query.Paging, TotalCap, pastCap, matches, ct);
    }

    public async Task<Outcome<LeadDetailResponse>> DetailAsync(Guid id, AccessScope scope, CancellationToken ct)
    {
        var lead = await db.Set<Lead>().AsNoTracking().Reachable(scope).SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null)
            return NoLead();
        var history = await db.Set<LeadStatusChange>().AsNoTracking().Where(h => h.LeadId == id).OrderBy(h => h.CreatedAt).ThenBy(h => h.Id)
            .Select(h => new LeadHistoryEntry(h.FromStatus, h.ToStatus, h.ActorId, h.Reason, h.CreatedAt)).ToListAsync(ct);
        return LeadDetailResponse.From(lead, history, await tasks.ForLeadAsync(id, ct));
    }

    public async Task<List<TagResponse>> TagsAsync(CancellationToken ct) =>
        await db.Set<Tag>().AsNoTracking().OrderBy(t => t.Name).Select(t => new TagResponse(t.Id, t.Name, t.Color, t.CreatedAt)).ToListAsync(ct);

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
