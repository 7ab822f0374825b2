using System.Globalization;
using Microsoft.Extensions.Options;
using Rollcall.PersonioSandbox.Auth;
using Rollcall.PersonioSandbox.Json;
using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Persons;

/// <summary>
/// Reference reads that turn the ids on employments into names: legal entities (<see cref="V2LegalEntitiesApi"/>),
/// org units, workplaces and cost centers. Each is a module right of its own, so each has its own scope.
/// </summary>
internal static class V2ReferenceApi
{
    public static IEndpointRouteBuilder MapV2Reference(this IEndpointRouteBuilder app)
    {
        app.MapV2LegalEntities();
        app.MapGroup("/v2/org-units").AddEndpointFilter(new V2BearerFilter(Scopes.OrgUnitsRead)).WithTags("v2")
            .MapGet("/{id}", GetOrgUnit).WithName("V2GetOrgUnit");
        app.MapGroup("/v2/workplaces").AddEndpointFilter(new V2BearerFilter(Scopes.WorkplacesRead)).WithTags("v2")
            .MapGet("/", (HttpContext http, IOptions<PersonsOptions> o) =>
                V2ReferenceList.Page(http, o.Value, GenericQuery(http), "/v2/workplaces", Caller.Of(http).Company.Reference.Offices, (w, x) => V2ReferenceList.WriteNamed(w, x.Id, x.Name)))
            .WithName("V2ListWorkplaces");
        app.MapGroup("/v2/cost-centers").AddEndpointFilter(new V2BearerFilter(Scopes.CostCentersRead)).WithTags("v2")
            .MapGet("/", (HttpContext http, IOptions<PersonsOptions> o) =>
                V2ReferenceList.Page(http, o.Value, GenericQuery(http), "/v2/cost-centers", Caller.Of(http).Company.Reference.CostCenters, (w, x) => V2ReferenceList.WriteNamed(w, x.Id, x.Name)))
            .WithName("V2ListCostCenters");
        return app;
    }

    private static V2Query GenericQuery(HttpContext http) =>
        V2Query.Parse(http.Request.Query, V2ReferenceList.GenericDefaultLimit, V2ReferenceList.GenericMaxLimit);

    private static JsonWriterResult GetOrgUnit(string id, string? type, HttpContext http)
    {
        if (type is not ("department" or "team"))
        {
            return V2Errors.BadRequest();
        }

        var reference = Caller.Of(http).Company.Reference;
        _ = int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var unitId);
        (string Name, string? Abbreviation, int? Parent)? unit = type == "department"
            ? reference.Department(unitId) is { } d ? (d.Name, d.Abbreviation, null) : null
            : reference.Team(unitId) is { } t ? (t.Name, null, t.DepartmentId) : null;
        if (unit is not { } u)
        {
            return V2Errors.NotFound();
        }

        return new JsonWriterResult(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", CompanyIds.Text(unitId));
            w.WriteString("type", type);
            w.WriteString("name", u.Name);
            w.WriteString("abbreviation", u.Abbreviation);
            w.WriteNull("description");
            w.WriteString("parent_id", u.Parent is { } p ? CompanyIds.Text(p) : null);
            w.WriteEndObject();
        });
    }
}
