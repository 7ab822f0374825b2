using System.Globalization;
using System.Text.Json;
using Rollcall.PersonioSandbox.Json;

namespace Rollcall.PersonioSandbox.Persons;

/// <summary>One page of a cursor-paged reference list, in the order the company keeps the items.</summary>
internal static class V2ReferenceList
{
    /// <summary>The paging of the shared v2 component, for lists whose own limits are not documented.</summary>
    public const int GenericDefaultLimit = 100;
    public const int GenericMaxLimit = 200;

    public static JsonWriterResult Page<T>(HttpContext http, PersonsOptions options, V2Query query, string path, IReadOnlyList<T> all, Action<Utf8JsonWriter, T> write)
    {
        if (query.Error is not null)
        {
            return V2Errors.BadRequest(query.Error);
        }

        var start = int.TryParse(query.After, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var baseUrl = V2Links.BaseUrl(http.Request, options);
        var next = start + query.Limit < all.Count ? $"{baseUrl}{path}?cursor={query.NextCursor(CompanyIds.Text(start + query.Limit)).Encode()}" : null;
        var items = all.Skip(start).Take(query.Limit).ToList();
        return new JsonWriterResult(w => V2Links.WriteList(w, items, write, baseUrl + http.Request.Path + http.Request.QueryString, next));
    }

    public static void WriteNamed(Utf8JsonWriter w, int id, string name)
    {
        w.WriteStartObject();
        w.WriteString("id", CompanyIds.Text(id));
        w.WriteString("name", name);
        w.WriteEndObject();
    }
}
