using System.Text.Encodings.Web;
using System.Text.Json;

namespace Rollcall.PersonioSandbox.Json;

/// <summary>
/// Writes JSON straight into the response pipe. Personio's shapes (attribute objects, <c>_meta</c> links,
/// omitted keys) are easier to reproduce exactly with a writer than with DTOs, and a 100-employee page
/// is produced without intermediate objects.
/// </summary>
internal sealed class JsonWriterResult(int statusCode, Action<Utf8JsonWriter, HttpContext> write, string contentType = "application/json") : IResult, IStatusCodeHttpResult
{
    public JsonWriterResult(Action<Utf8JsonWriter> write) : this(StatusCodes.Status200OK, (w, _) => write(w))
    {
    }

    // Personio sends umlauts and accents as UTF-8, not as \u escapes; the relaxed encoder does the same.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public int? StatusCode => statusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = contentType;
        await using (var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter, Options))
        {
            write(writer, httpContext);
        }

        await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
