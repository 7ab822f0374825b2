using System.Text.Json;

namespace Rollcall.PersonioSandbox.Persons;

internal static class V2Links
{
    public static void Write(Utf8JsonWriter w, string name, string href)
    {
        w.WriteStartObject(name);
        w.WriteString("href", href);
        w.WriteEndObject();
    }

    /// <summary>Absolute base URL for links: the configured public URL, else the request's scheme and host.</summary>
    public static string BaseUrl(HttpRequest request, PersonsOptions options) =>
        string.IsNullOrEmpty(options.PublicBaseUrl) ? $"{request.Scheme}://{request.Host}" : options.PublicBaseUrl.TrimEnd('/');

    /// <summary>Writes <c>_data</c> and <c>_meta.links</c> (self, and next unless this is the last page).</summary>
    public static void WriteList<T>(Utf8JsonWriter w, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeItem, string selfHref, string? nextHref)
    {
        w.WriteStartObject();
        w.WriteStartArray("_data");
        foreach (var item in items)
        {
            writeItem(w, item);
        }

        w.WriteEndArray();
        w.WriteStartObject("_meta");
        w.WriteStartObject("links");
        Write(w, "self", selfHref);
        if (nextHref is not null)
        {
            Write(w, "next", nextHref);
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
