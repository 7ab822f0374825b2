namespace Rollcall.PersonioSandbox.Json;

/// <summary>The v1 error envelope: <c>{"success":false,"error":{"code":..,"message":..}}</c>.</summary>
internal static class V1Errors
{
    public static JsonWriterResult Create(int status, string message, int? code = null) =>
        new(status, (w, _) =>
        {
            w.WriteStartObject();
            w.WriteBoolean("success", false);
            w.WriteStartObject("error");
            w.WriteNumber("code", code ?? status);
            w.WriteString("message", message);
            w.WriteEndObject();
            w.WriteEndObject();
        });

    public static JsonWriterResult NotProvided() => Create(401, "Authorization is not provided");

    public static JsonWriterResult TooManyRequests() => Create(429, "Too many requests. Please retry later.");

    public static JsonWriterResult ServerError(int status = 500) => Create(status, "Something went wrong");

    /// <summary>The "missing module right" answer users report: 403 with code 0 and an exception name.</summary>
    public static JsonWriterResult MissingRight() => Create(403, "personio.core.api.exceptions.api.forbidden.http.exception", 0);
}
