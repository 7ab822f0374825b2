using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Rollcall.PersonioSandbox.Persons;

/// <summary>
/// The effective query of a v2 list call: taken from the cursor when there is one, else from the request.
/// <see cref="Error"/> holds the 400 detail when the request is invalid.
/// </summary>
internal sealed record V2Query(Dictionary<string, StringValues> Filters, int Limit, int Page, string? After, string? Error = null)
{
    public static V2Query Parse(IQueryCollection query, int defaultLimit, int maxLimit)
    {
        if (query.TryGetValue("cursor", out var raw) && !StringValues.IsNullOrEmpty(raw))
        {
            return PersonsCursor.Decode(raw.ToString()) is { } cursor
                ? new V2Query(QueryHelpers.ParseQuery(cursor.Filters), cursor.Limit, cursor.Page, cursor.After)
                : Invalid("Provided request parameters are invalid.");
        }

        var limit = defaultLimit;
        if (query.ContainsKey("limit")
            && !(int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit >= 1 && limit <= maxLimit))
        {
            return Invalid("Provided request parameters are invalid.");
        }

        var filters = query.Where(q => q.Key is not "limit" and not "cursor").ToDictionary(q => q.Key, q => q.Value, StringComparer.Ordinal);
        return new V2Query(filters, limit, 0, null);
    }

    public string? Get(string key) => Filters.TryGetValue(key, out var value) && !StringValues.IsNullOrEmpty(value) ? value.ToString() : null;

    public PersonsCursor NextCursor(string after)
    {
        var filters = QueryString.Create(Filters.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string?>(f.Key, v)))).Value?.TrimStart('?') ?? string.Empty;
        return new PersonsCursor(Page + 1, Limit, after, filters);
    }

    private static V2Query Invalid(string error) => new([], 0, 0, null, error);
}
