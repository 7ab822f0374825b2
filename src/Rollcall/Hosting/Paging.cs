namespace Rollcall.Hosting;

/// <summary>Paging query of a list endpoint: 1-based page, 1 to 200 items, 50 by default.</summary>
internal sealed record PageRequest(int Page = 1, int PageSize = 50)
{
    public const int MaxPageSize = 200;

    public int Skip => (Page - 1) * PageSize;

    public bool IsValid => Page >= 1 && PageSize is >= 1 and <= MaxPageSize;
}

internal sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>Answers 400 <c>invalid_paging</c> to a list request whose page or page size is out of range.</summary>
internal sealed class PagingFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.Arguments.OfType<PageRequest>().Any(p => !p.IsValid)
            ? TypedResults.Problem(ProblemCodes.Invalid("invalid_paging", $"page must be 1 or more and pageSize 1 to {PageRequest.MaxPageSize}."))
            : await next(context);
}
