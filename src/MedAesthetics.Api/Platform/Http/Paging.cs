using System.Collections.Concurrent;
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
    /// unsorted query (the count needs no order); <paramref name="sorted"/> the same query in page order, projected to what a
    /// page shows.
    /// A full page first asks PostgreSQL's planner how many rows match (an EXPLAIN: planning only, no row read); when it
    /// expects at least <see cref="SurelyPastCapFactor"/> times the cap, the answer is "more than cap" without counting.
    /// That spares the count where it costs most: a common name searched with <c>q</c> has tens of thousands of
    /// matches, and counting 1,001 of them read 20-45 ms of rows at a million leads.
    /// A "more than cap" answer is remembered under <paramref name="matches"/> (<see cref="PastCapMemory"/>), a value equal
    /// for queries that match the same rows (the filters and the caller's reach, not the page or the order), so the next
    /// full page of the same search by the same reach asks neither; an exact total is never remembered.
    /// </summary>
    public static async Task<PageOf<T>> ToCappedPageAsync<T, TRow>(this IQueryable<T> sorted, IQueryable<TRow> matching, PageQuery paging, int cap,
        PastCapMemory memory, object matches, CancellationToken cancellationToken)
    {
        var items = await sorted.Skip(paging.Skip).Take(paging.Size).ToListAsync(cancellationToken);
        if (items.Count < paging.Size && (items.Count > 0 || paging.Skip == 0))   // the last page tells the total without counting
            return new PageOf<T>(items, paging.PageNumber, paging.Size, Math.Min(paging.Skip + items.Count, cap + 1));

        if (memory.Knows(matches))   // not remembered again: the answer is asked afresh once Keep has passed
            return new PageOf<T>(items, paging.PageNumber, paging.Size, cap + 1);
        await using var command = matching.CreateDbCommand();
        var total = await command.EstimatedCountAsync(cancellationToken) >= (double)cap * SurelyPastCapFactor
            ? cap + 1
            : await matching.Take(cap + 1).CountAsync(cancellationToken);
        if (total > cap)
            memory.Remember(matches);
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

/// <summary>
/// Which filtered queries were found to match more than a list's cap, kept per node for <see cref="Keep"/> (30 s) under a
/// key the list gives (its filters and the caller's reach, compared by value). A list of thousands does not fall under the
/// cap in that time except by mass deletion, and the answer it saves ("more than 1,000") says no more than that.
/// </summary>
public sealed class PastCapMemory(TimeProvider time)
{
    public static readonly TimeSpan Keep = TimeSpan.FromSeconds(30);
    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<object, long> _rememberedAt = new();

    public bool Knows(object key)
    {
        if (!_rememberedAt.TryGetValue(key, out var at))
            return false;
        if (time.GetElapsedTime(at) < Keep)
            return true;
        _rememberedAt.TryRemove(new KeyValuePair<object, long>(key, at));
        return false;
    }

    public void Remember(object key)
    {
        if (_rememberedAt.Count >= MaxRemembered)
            _rememberedAt.Clear();
        _rememberedAt[key] = time.GetTimestamp();
    }
}
