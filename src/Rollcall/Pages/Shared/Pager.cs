using Microsoft.AspNetCore.Http.Extensions;
using Rollcall.Endpoints;

namespace Rollcall.Pages.Shared;

/// <summary>Previous/next links of a paged list; they keep the list's other query values (search, filters).</summary>
internal sealed record Pager(int Page, int PageSize, int Total)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public static Pager Of<T>(Paged<T> paged) => new(paged.Page, paged.PageSize, paged.Total);

    public static string Link(HttpRequest request, int page)
    {
        var query = new QueryBuilder(request.Query.Where(q => q.Key != "page").SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? ""))))
        {
            { "page", page.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        return request.Path + query.ToQueryString().Value;
    }
}
