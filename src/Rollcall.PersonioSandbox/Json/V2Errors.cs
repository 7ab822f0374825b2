namespace Rollcall.PersonioSandbox.Json;

/// <summary>v2 errors: <c>application/problem+json</c> with <c>personio_trace_id</c> and an <c>errors</c> array.</summary>
internal static class V2Errors
{
    public const string ProblemJson = "application/problem+json";
    private const string TypeBase = "https://developer.personio.de/v2.0/page/public-api-error-codes#";

    public static JsonWriterResult Create(int status, string title, string detail, string? type, IReadOnlyDictionary<string, string>? meta = null) =>
        new(status, (w, http) =>
        {
            var time = http.RequestServices.GetRequiredService<TimeProvider>();
            w.WriteStartObject();
            w.WriteString("personio_trace_id", Guid.NewGuid().ToString());
            w.WriteString("timestamp", Model.Dates.V2Timestamp(time.GetUtcNow()));
            w.WriteStartArray("errors");
            w.WriteStartObject();
            w.WriteString("title", title);
            w.WriteString("detail", detail);
            w.WriteString("type", type is null ? null : TypeBase + type);
            w.WriteStartObject("_meta");
            foreach (var (key, value) in meta ?? new Dictionary<string, string>())
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }, ProblemJson);

    public static JsonWriterResult BadRequest(string detail = "Provided request parameters are invalid.") =>
        Create(400, "Bad request", detail, "commonbad_request");

    public static JsonWriterResult Unauthorized(string detail = "The access token is missing, invalid or expired.") =>
        Create(401, "Unauthorized Request", detail, "commonunauthorized");

    public static JsonWriterResult InsufficientScope() =>
        Create(403, "Insufficient access scope", "Client scope insufficient to access resource", "commonforbidden");

    public static JsonWriterResult NotFound() =>
        Create(404, "Resource not found", "There is no resource for the specified id.", "commonresource_not_found");

    public static JsonWriterResult TooManyRequests() =>
        Create(429, "Too many requests", "Rate limit exceeded.", "commontoo_many_requests");

    public static JsonWriterResult ServerError(int status = 500) =>
        Create(status, "Internal server error", "Something went wrong.", "commoninternal_server_error");
}
