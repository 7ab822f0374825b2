using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Rollcall.PersonioSandbox.Auth;
using Rollcall.PersonioSandbox.Json;
using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Persons;

/// <summary>Reference reads that turn the ids on employments into names: legal entities, org units, workplaces, cost centers.</summary>
internal static class V2ReferenceApi
{
    public static IEndpointRouteBuilder MapV2Reference(this IEndpointRouteBuilder app)
    {
        var entities = app.MapGroup("/v2/legal-entities").AddEndpointFilter(new V2BearerFilter(Scopes.LegalEntitiesRead)).WithTags("v2");
        entities.MapGet("/", ListLegalEntities).WithName("V2ListLegalEntities");
        entities.MapGet("/{id}", GetLegalEntity).WithName("V2GetLegalEntity");
        var orgUnits = app.MapGroup("/v2").AddEndpointFilter(new V2BearerFilter(Scopes.OrgUnitsRead)).WithTags("v2");
        orgUnits.MapGet("/org-units/{id}", GetOrgUnit).WithName("V2GetOrgUnit");
        orgUnits.MapGet("/workplaces", (HttpContext http, IOptions<PersonsOptions> o) =>
            List(http, o.Value, "/v2/workplaces", Caller.Of(http).Company.Reference.Offices, (w, x) => Named(w, x.Id, x.Name))).WithName("V2ListWorkplaces");
        orgUnits.MapGet("/cost-centers", (HttpContext http, IOptions<PersonsOptions> o) =>
            List(http, o.Value, "/v2/cost-centers", Caller.Of(http).Company.Reference.CostCenters, (w, x) => Named(w, x.Id, x.Name))).WithName("V2ListCostCenters");
        return app;
    }

    private static JsonWriterResult ListLegalEntities(HttpContext http, IOptions<PersonsOptions> options)
    {
        var reference = Caller.Of(http).Company.Reference;
        if (!reference.LegalEntitiesFeature)
        {
            return V2Errors.Create(412, "Precondition failed", "The legal entities feature is not enabled for this account.", "commonprecondition_failed");
        }

        var query = V2Query.Parse(http.Request.Query, 20, 100);
        var ids = query.Get("id")?.Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var countries = query.Get("country")?.Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var entities = reference.LegalEntities.Where(e => (ids is null || ids.Contains(CompanyIds.Text(e.Id))) && (countries is null || countries.Contains(e.Country)));
        return List(http, options.Value, "/v2/legal-entities", entities.ToList(), WriteLegalEntity);
    }

    private static JsonWriterResult GetLegalEntity(string id, HttpContext http)
    {
        var reference = Caller.Of(http).Company.Reference;
        if (!reference.LegalEntitiesFeature)
        {
            return V2Errors.Create(412, "Precondition failed", "The legal entities feature is not enabled for this account.", "commonprecondition_failed");
        }

        return reference.LegalEntities.FirstOrDefault(e => CompanyIds.Text(e.Id) == id) is { } entity
            ? new JsonWriterResult(w => WriteLegalEntity(w, entity))
            : V2Errors.NotFound();
    }

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
            w.WriteString("id", id);
            w.WriteString("type", type);
            w.WriteString("name", u.Name);
            w.WriteString("abbreviation", u.Abbreviation);
            w.WriteNull("description");
            w.WriteString("parent_id", u.Parent is { } p ? CompanyIds.Text(p) : null);
            w.WriteEndObject();
        });
    }

    private static JsonWriterResult List<T>(HttpContext http, PersonsOptions options, string path, IReadOnlyList<T> all, Action<Utf8JsonWriter, T> write)
    {
        var query = V2Query.Parse(http.Request.Query, 20, 100);
        if (query.Error is not null)
        {
            return V2Errors.BadRequest(query.Error);
        }

        var start = int.TryParse(query.After, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var baseUrl = V2Links.BaseUrl(http.Request, options);
        var next = start + query.Limit < all.Count ? $"{baseUrl}{path}?cursor={query.NextCursor(CompanyIds.Text(start + query.Limit)).Encode()}" : null;
        return new JsonWriterResult(w => V2Links.WriteList(w, all.Skip(start).Take(query.Limit), write, baseUrl + http.Request.Path + http.Request.QueryString, next));
    }

    private static void WriteLegalEntity(Utf8JsonWriter w, LegalEntity entity)
    {
        w.WriteStartObject();
        w.WriteString("id", CompanyIds.Text(entity.Id));
        w.WriteString("name", entity.Name);
        w.WriteString("country", entity.Country);
        w.WriteString("created_at", Dates.V2Timestamp(entity.CreatedAt));
        w.WriteEndObject();
    }

    private static void Named(Utf8JsonWriter w, int id, string name)
    {
        w.WriteStartObject();
        w.WriteString("id", CompanyIds.Text(id));
        w.WriteString("name", name);
        w.WriteEndObject();
    }
}
