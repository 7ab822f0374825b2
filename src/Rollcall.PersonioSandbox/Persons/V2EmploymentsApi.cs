using System.Globalization;
using Microsoft.Extensions.Options;
using Rollcall.PersonioSandbox.Auth;
using Rollcall.PersonioSandbox.Json;
using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Persons;

/// <summary><c>/v2/persons/{id}/employments</c>: most recent first, cursor-paged, filters id and updated_at.</summary>
internal static class V2EmploymentsApi
{
    public static IResult List(string id, HttpContext http, TimeProvider time, IOptions<PersonsOptions> options)
    {
        var caller = Caller.Of(http);
        if (V2PersonsApi.Find(caller, id) is not { } person)
        {
            return V2Errors.NotFound();
        }

        var query = V2Query.Parse(http.Request.Query, defaultLimit: 10, maxLimit: 50);
        if (query.Error is not null || query.Filters.Keys.Any(k => k.Contains('.', StringComparison.Ordinal) && k is not ("updated_at.gt" or "updated_at.lt")))
        {
            return V2Errors.BadRequest(query.Error ?? "Provided filter encoding is invalid.");
        }

        if (!TryFilter(query, out var matches))
        {
            return V2Errors.BadRequest();
        }

        var start = int.TryParse(query.After, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var selected = person.Employments.Where(matches).ToList();
        var pageItems = selected.Skip(start).Take(query.Limit).ToList();
        var baseUrl = V2Links.BaseUrl(http.Request, options.Value);
        var path = $"/v2/persons/{CompanyIds.Text(person.Id)}/employments";
        var next = start + query.Limit < selected.Count
            ? $"{baseUrl}{path}?cursor={query.NextCursor(CompanyIds.Text(start + query.Limit)).Encode()}"
            : null;
        var writer = new V2EmploymentWriter(caller.Credential, Dates.Today(time.GetUtcNow()), baseUrl);
        return new JsonWriterResult(w => V2Links.WriteList(w, pageItems, (x, e) => writer.Write(x, person, e), baseUrl + http.Request.Path + http.Request.QueryString, next));
    }

    public static IResult Get(string id, string employmentId, HttpContext http, TimeProvider time, IOptions<PersonsOptions> options)
    {
        var caller = Caller.Of(http);
        if (V2PersonsApi.Find(caller, id) is not { } person
            || person.Employments.FirstOrDefault(e => string.Equals(e.Id.ToString(), employmentId, StringComparison.OrdinalIgnoreCase)) is not { } employment)
        {
            return V2Errors.NotFound();
        }

        var writer = new V2EmploymentWriter(caller.Credential, Dates.Today(time.GetUtcNow()), V2Links.BaseUrl(http.Request, options.Value));
        return new JsonWriterResult(w => writer.Write(w, person, employment));
    }

    private static bool TryFilter(V2Query query, out Func<Employment, bool> matches)
    {
        var conditions = new List<Func<Employment, bool>>();
        matches = e => conditions.TrueForAll(c => c(e));
        if (query.Get("id") is { } ids)
        {
            var set = ids.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
            conditions.Add(e => set.Contains(e.Id.ToString()));
        }

        foreach (var (key, compare) in new (string, Func<DateTimeOffset, DateTimeOffset, bool>)[]
                 { ("updated_at", (x, y) => PersonFilter.Truncate(x) == PersonFilter.Truncate(y)), ("updated_at.gt", (x, y) => x > y), ("updated_at.lt", (x, y) => x < y) })
        {
            if (query.Get(key) is not { } raw)
            {
                continue;
            }

            if (!DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return false;
            }

            conditions.Add(e => compare(e.UpdatedAt, at));
        }

        return true;
    }
}
