using FluentValidation;
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
    /// </summary>
    public static async Task<PageOf<T>> ToCappedPageAsync<T>(this IQueryable<T> sorted, IQueryable<T> matching, PageQuery paging, int cap, CancellationToken cancellationToken)
    {
        var items = await sorted.Skip(paging.Skip).Take(paging.Size).ToListAsync(cancellationToken);
        // A page that is not full and not past the end is the last one: it tells the total without counting.
        var total = items.Count < paging.Size && (items.Count > 0 || paging.Skip == 0)
            ? Math.Min(paging.Skip + items.Count, cap + 1)
            : await matching.Take(cap + 1).CountAsync(cancellationToken);
        return new PageOf<T>(items, paging.PageNumber, paging.Size, total);
    }

    public static PageOf<TOut> Map<TIn, TOut>(this PageOf<TIn> page, Func<TIn, TOut> map) =>
        new(page.Items.Select(map).ToList(), page.Page, page.PageSize, page.Total);
}
