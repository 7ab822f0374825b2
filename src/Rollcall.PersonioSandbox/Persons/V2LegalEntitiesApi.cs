using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Rollcall.PersonioSandbox.Auth;
using Rollcall.PersonioSandbox.Json;
using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Persons;

/// <summary><c>/v2/legal-entities[/{id}]</c>: limit 1–100, default 20; filters <c>id</c> (integers) and <c>country</c>; 412 without the feature.</summary>
internal static class V2LegalEntitiesApi
{
    public static IEndpointRouteBuilder MapV2LegalEntities(this IEndpointRouteBuilder app)
    {
        var entities = app.MapGroup("/v2/legal-entities").AddEndpointFilter(new V2BearerFilter(Scopes.LegalEntitiesRead)).WithTags("v2");
        entities.MapGet("/", List).WithName("V2ListLegalEntities");
        entities.MapGet("/{id}", Get).WithName("V2GetLegalEntity");
        return app;
    }

    private static JsonWriterResult List(HttpContext http, IOptions<PersonsOptions> options)
    {
        var reference = Caller.Of(http).Company.Reference;
        if (!reference.LegalEntitiesFeature)
        {
            return FeatureNotBooked();
        }

        var query = V2Query.Parse(http.Request.Query, defaultLimit: 20, maxLimit: 100);
        var ids = query.Get("id")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (ids is not null && !ids.All(i => int.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return V2Errors.BadRequest();
        }

        var idSet = ids?.Select(i => int.Parse(i, CultureInfo.InvariantCulture)).ToHashSet();
        var countries = query.Get("country")?.Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var entities = reference.LegalEntities.Where(e => (idSet is null || idSet.Contains(e.Id)) && (countries is null || countries.Contains(e.Country))).ToList();
        return V2ReferenceList.Page(http, options.Value, query, "/v2/legal-entities", entities, Write);
    }

    private static JsonWriterResult Get(string id, HttpContext http)
    {
        var reference = Caller.Of(http).Company.Reference;
        if (!reference.LegalEntitiesFeature)
        {
            return FeatureNotBooked();
        }

        return reference.LegalEntities.FirstOrDefault(e => CompanyIds.Text(e.Id) == id) is { } entity
            ? new JsonWriterResult(w => Write(w, entity))
            : V2Errors.NotFound();
    }

    /// <summary>Personio's answer for accounts that have not booked legal entities.</summary>
    private static JsonWriterResult FeatureNotBooked() =>
        V2Errors.Create(412, "Precondition failed", "The legal entities feature is not enabled for this account.", "commonprecondition_failed");

    private static void Write(Utf8JsonWriter w, LegalEntity entity)
    {
        w.WriteStartObject();
        w.WriteString("id", CompanyIds.Text(entity.Id));
        w.WriteString("name", entity.Name);
        w.WriteString("country", entity.Country);
        w.WriteString("created_at", Dates.V2Timestamp(entity.CreatedAt));
        w.WriteEndObject();
    }
}
