using System.Globalization;
using Microsoft.Extensions.Options;
using Rollcall.PersonioSandbox.Auth;
using Rollcall.PersonioSandbox.Faults;
using Rollcall.PersonioSandbox.Json;
using Rollcall.PersonioSandbox.Model;
using Rollcall.PersonioSandbox.RateLimits;

namespace Rollcall.PersonioSandbox.Employees;

internal static class V1EmployeesApi
{
    public static IEndpointRouteBuilder MapV1Employees(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/company/employees").AddEndpointFilter<V1BearerFilter>().WithTags("v1");
        group.MapGet("/", List)
            .RequireRateLimit(RateLimitPolicies.V1Employees, V1Errors.TooManyRequests)
            .WithName("V1ListEmployees");
        group.MapGet("/{id}", Get).WithName("V1GetEmployee");
        group.MapGet("/attributes", V1AttributesApi.List).WithName("V1ListAttributes");
        group.MapGet("/custom-attributes", V1AttributesApi.List).WithName("V1ListCustomAttributes");
        return app;
    }

    private static JsonWriterResult List(HttpContext http, TimeProvider time, IOptions<EmployeesOptions> options)
    {
        var caller = Caller.Of(http);
        var query = V1EmployeeQuery.Parse(http.Request.Query, options.Value);
        if (query.Error is not null)
        {
            return V1Errors.Create(400, query.Error);
        }

        var people = caller.Company.People;
        IReadOnlyList<Person> selected = !query.HasFilter && caller.SeesEveryone
            ? people
            : people.Where(p => caller.Sees(p) && query.Matches(p)).ToList();
        var (limit, offset) = query.UpdatedSince is not null && !options.Value.UpdatedSincePaginates
            ? (Math.Max(1, selected.Count), 0)
            : (query.Limit, query.Offset);
        var total = selected.Count;
        var writer = Writer(caller, time, options.Value, query.Attributes);
        var metadata = V1PageMetadata.Of(http, total, offset, limit);
        FaultSignals.NameDeleteTarget(http, selected);
        return new JsonWriterResult(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteStartObject("metadata");
            w.WriteNumber("total_elements", metadata.TotalElements);
            w.WriteNumber("current_page", metadata.CurrentPage);
            w.WriteNumber("total_pages", metadata.TotalPages);
            w.WriteEndObject();
            w.WriteNumber("offset", offset);
            w.WriteNumber("limit", limit);
            w.WriteStartArray("data");
            for (var i = offset; metadata.SendRecords && i < total && i < offset + limit; i++)
            {
                writer.Write(w, selected[i]);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static JsonWriterResult Get(string id, HttpContext http, TimeProvider time, IOptions<EmployeesOptions> options)
    {
        var caller = Caller.Of(http);
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var employeeId)
            || caller.Company.Find(employeeId) is not { } person || !caller.Sees(person))
        {
            // Personio answers this one in German; clients must go by the status code.
            return V1Errors.Create(404, "Es ist ein Problem aufgetreten");
        }

        var writer = Writer(caller, time, options.Value, null);
        return new JsonWriterResult(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WritePropertyName("data");
            writer.Write(w, person);
            w.WriteEndObject();
        });
    }

    private static V1EmployeeWriter Writer(Caller caller, TimeProvider time, EmployeesOptions options, HashSet<string>? projection)
    {
        var credential = caller.Credential;
        Func<string, bool> include = projection is null
            ? credential.CanRead
            : key => projection.Contains(key) && credential.CanRead(key);
        return new V1EmployeeWriter(caller.Company, credential, include, Dates.Today(time.GetUtcNow()), options.SupervisorAttributesFollowWhitelist);
    }
}
