using FluentValidation;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Platform.Http;

/// <summary>The paging query every list takes: ?page=1&amp;pageSize=20, pageSize at most 100.</summary>
public sealed record PageQuery(int? Page, int? PageSize)
{
    public const int MaxPageSize = 100;
    public int PageNumber => Page ?? 1;
    public int Size => PageSize ?? 20;
    public int Skip => (PageNumber - 1) * Size;
}

public sealed class PageQueryValidator : AbstractValidator<PageQuery>
{
    public PageQueryValidator()
    {
        RuleFor(p => p.Page).ValidPage();
        RuleFor(p => p.PageSize).ValidPageSize();
    }
}

public static class PagingValidators
{
    public static IRuleBuilderOptions<T, int?> ValidPage<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, 1_000_000);

    public static IRuleBuilderOptions<T, int?> ValidPageSize<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, PageQuery.MaxPageSize).WithMessage($"'pageSize' must be between 1 and {PageQuery.MaxPageSize}.");
}

public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public static class PagingExtensions
{
    public static async Task<PageOf<T>> ToPageAsync<T>(this IQueryable<T> query, PageQuery paging, CancellationToken cancellationToken)
    {
        var total = await query.CountAsync(cancellationToken);
        var items = total == 0 ? [] : await query.Skip(paging.Skip).Take(paging.Size).ToListAsync(cancellationToken);
        return new PageOf<T>(items, paging.PageNumber, paging.Size, total);
    }

    /// <summary>
    /// A page whose <c>total</c> is exact up to <paramref name="cap"/> and <c>cap + 1</c> ("more than cap") beyond it,
    /// so a first page over a million rows counts at most cap + 1 of them. <paramref name="matching"/> is the filtered,
    /// unsorted query (the count needs no order); <paramref name="sorted"/> the same query in page order.
    /// A full page first asks PostgreSQL's planner how many rows match (an EXPLAIN: planning only, no row read); when it
    /// expects at least <see cref="SurelyPastCapFactor"/> times the cap, the answer is "more than cap" without counting.
    /// That spares the count where it costs most: a common name searched with <c>q</c> has tens of thousands of
    /// matches, and counting 1,001 of them read 20-45 ms of rows at a million leads.
    /// </summary>
    public static async Task<PageOf<T>> ToCappedPageAsync<T>(this IQueryable<T> sorted, IQueryable<T> matching, PageQuery paging, int cap, CancellationToken cancellationToken)
    {
        var items = await sorted.Skip(paging.Skip).Take(paging.Size).ToListAsync(cancellationToken);
        int total;
        if (items.Count < paging.Size && (items.Count > 0 || paging.Skip == 0))
            total = Math.Min(paging.Skip + items.Count, cap + 1);   // the last page tells the total without counting
        else if (await matching.EstimatedCountAsync(cancellationToken) >= (double)cap * SurelyPastCapFactor)
            total = cap + 1;
        else
            total = await matching.Take(cap + 1).CountAsync(cancellationToken);
        return new PageOf<T>(items, paging.PageNumber, paging.Size, total);
    }

    /// <summary>
    /// How far past the cap the planner's estimate must be for the count to be skipped. Its estimates come from a sample
    /// (search_text keeps 1,000 histogram entries): an estimate 10 times the cap rests on a dozen or more sampled
    /// matches, which a true count of at most 1,000 would almost never give. Below it the rows are counted.
    /// </summary>
    public const int SurelyPastCapFactor = 10;

    public static PageOf<TOut> Map<TIn, TOut>(this PageOf<TIn> page, Func<TIn, TOut> map) =>
        new(page.Items.Select(map).ToList(), page.Page, page.PageSize, page.Total);
}
