using System.Globalization;
using Microsoft.Extensions.Options;
using Rollcall.PersonioSandbox.Auth;
using Rollcall.PersonioSandbox.Faults;
using Rollcall.PersonioSandbox.Json;
using Rollcall.PersonioSandbox.Model;
using Rollcall.PersonioSandbox.RateLimits;

namespace Rollcall.PersonioSandbox.Persons;

internal static class V2PersonsApi
{
    public static IEndpointRouteBuilder MapV2Persons(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2/persons").AddEndpointFilter(new V2BearerFilter(Scopes.PersonsRead)).WithTags("v2");
        group.MapGet("/", List).RequireRateLimit(RateLimitPolicies.V2Data, V2Errors.TooManyRequests).WithName("V2ListPersons");
        group.MapGet("/{id}", Get).RequireRateLimit(RateLimitPolicies.V2Data, V2Errors.TooManyRequests).WithName("V2GetPerson");
        group.MapGet("/{id}/employments", V2EmploymentsApi.List).RequireRateLimit(RateLimitPolicies.V2Data, V2Errors.TooManyRequests).WithName("V2ListEmployments");
        group.MapGet("/{id}/employments/{employmentId}", V2EmploymentsApi.Get).RequireRateLimit(RateLimitPolicies.V2Data, V2Errors.TooManyRequests).WithName("V2GetEmployment");
        return app;
    }

    private static JsonWriterResult List(HttpContext http, TimeProvider time, IOptions<PersonsOptions> options)
    {
        var caller = Caller.Of(http);
        var query = V2Query.Parse(http.Request.Query, defaultLimit: 10, maxLimit: 50);
        var filter = query.Error is null ? PersonFilter.Parse(query) : null;
        if ((query.Error ?? filter?.Error) is { } error)
        {
            return V2Errors.BadRequest(error);
        }

        var today = Dates.Today(time.GetUtcNow());
        var after = int.TryParse(query.After, NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : int.MinValue;
        bool Listed(Person p) => caller.Sees(p) && filter!.Matches(p, today);
        var page = new List<Person>(query.Limit + 1);
        // One person past the limit tells whether a next page exists.
        page.AddRange(Candidates(caller.Company, filter!, after).Where(Listed).Take(query.Limit + 1));
        FaultSignals.NameDeleteTarget(http, Candidates(caller.Company, filter!, int.MinValue).Where(Listed));

        var baseUrl = V2Links.BaseUrl(http.Request, options.Value);
        var lyingEmpty = FaultSignals.Requested(http, FaultKind.LyingEmptyPage) is not null;
        var next = page.Count > query.Limit && !lyingEmpty
            ? $"{baseUrl}/v2/persons?cursor={query.NextCursor(CompanyIds.Text(page[query.Limit - 1].Id)).Encode()}"
            : null;
        IEnumerable<Person> items = lyingEmpty || FaultSignals.Requested(http, FaultKind.EmptyPage) is not null ? [] : page.Take(query.Limit);
        var writer = new V2PersonWriter(caller.Company, caller.Credential, today, baseUrl, options.Value.CustomAttributeLabels);
        var self = baseUrl + http.Request.Path + http.Request.QueryString;
        if (FaultSignals.Requested(http, FaultKind.RepeatCursor) is not null)
        {
            next = self;
        }

        return new JsonWriterResult(w => V2Links.WriteList(w, items, writer.Write, self, next));
    }

    private static JsonWriterResult Get(string id, HttpContext http, TimeProvider time, IOptions<PersonsOptions> options)
    {
        var caller = Caller.Of(http);
        if (Find(caller, id) is not { } person)
        {
            return V2Errors.NotFound();
        }

        var writer = new V2PersonWriter(caller.Company, caller.Credential, Dates.Today(time.GetUtcNow()), V2Links.BaseUrl(http.Request, options.Value), options.Value.CustomAttributeLabels);
        return new JsonWriterResult(w => writer.Write(w, person));
    }

    internal static Person? Find(Caller caller, string id) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var personId)
        && caller.Company.Find(personId) is { } person && caller.Sees(person)
            ? person
            : null;

    /// <summary>People after the cursor in id order. An <c>id</c> filter is served by lookups, not by a scan of everyone.</summary>
    private static IEnumerable<Person> Candidates(Company company, PersonFilter filter, int after)
    {
        if (filter.Ids is { } ids)
        {
            return ids.Where(id => id > after).Order().Select(company.Find).OfType<Person>();
        }

        var people = company.People;
        var first = FirstAfter(people, after);
        return Enumerable.Range(first, people.Length - first).Select(i => people[i]);
    }

    private static int FirstAfter(System.Collections.Immutable.ImmutableArray<Person> people, int after)
    {
        int low = 0, high = people.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (people[mid].Id <= after)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
