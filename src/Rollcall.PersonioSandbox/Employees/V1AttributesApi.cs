using System.Text.Json;
using Rollcall.PersonioSandbox.Auth;
using Rollcall.PersonioSandbox.Json;

namespace Rollcall.PersonioSandbox.Employees;

internal static class V1AttributesApi
{
    /// <summary>The attributes the calling credential may read, standard and custom, with list options.</summary>
    public static IResult List(HttpContext http)
    {
        var caller = Caller.Of(http);
        return new JsonWriterResult(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteStartArray("data");
            foreach (var a in StandardAttributes.All.Where(a => caller.Credential.CanRead(a.Key)))
            {
                Definition(w, a.Key, a.Label, a.Type, a.Key, []);
            }

            foreach (var c in caller.Company.CustomAttributes.Where(c => caller.Credential.CanRead(c.Key)))
            {
                Definition(w, c.Key, c.Label, c.Type, c.UniversalId, c.Options);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void Definition(Utf8JsonWriter w, string key, string label, string type, string? universalId, string[] options)
    {
        w.WriteStartObject();
        w.WriteString("key", key);
        w.WriteString("label", label);
        w.WriteString("type", type);
        w.WriteString("universal_id", universalId);
        w.WriteStartArray("options");
        foreach (var option in options)
        {
            w.WriteStringValue(option);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
