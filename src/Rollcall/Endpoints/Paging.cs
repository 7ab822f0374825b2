namespace Rollcall.Endpoints;

/// <summary>Paging query of a list endpoint: 1-based page, 1 to 200 items, 50 by default.</summary>
internal sealed record PageRequest(int Page = 1, int PageSize = 50)
{
    public const int MaxPageSize = 200;

    // In long: a huge page number would overflow to a negative offset (SQLite then reads from the start, PostgreSQL fails).
    public int Skip => (int)Math.Min(int.MaxValue, ((long)Page - 1) * PageSize);

    public bool IsValid => Page >= 1 && PageSize is >= 1 and <= MaxPageSize;
}

internal sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    /// <summary>
    /// A page of an admin list: a page number below 1 reads the first page, one beyond the end (a stale link, a typed
    /// number) the last, so the page always shows rows and working previous/next links.
    /// </summary>
    public static async Task<Paged<T>> WithinRangeAsync(int page, Func<PageRequest, Task<Paged<T>>> read)
    {
        var paged = await read(new PageRequest(Math.Max(1, page)));
        var last = Math.Max(1, (int)(((long)paged.Total + paged.PageSize - 1) / paged.PageSize));
        return paged.Page > last ? await read(new PageRequest(last)) : paged;
    }
}

/// <summary>Answers 400 <c>invalid_paging</c> to a list request whose page or page size is out of range.</summary>
internal sealed class PagingFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.Arguments.OfType<PageRequest>().Any(p => !p.IsValid)
            ? TypedResults.Problem(ProblemCodes.Invalid("invalid_paging", PageRequest.MaxPageSize))
            : await next(context);
}
