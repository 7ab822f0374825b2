using Rollcall.PersonioSandbox.Json;
using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Auth;

/// <summary>OAuth2-style errors of the v2 auth endpoints; note <c>trace_id</c>, not <c>personio_trace_id</c>.</summary>
internal static class OAuthErrors
{
    public static JsonWriterResult Create(int status, string error, string description, string[]? missingParameters = null) =>
        new(status, (w, http) =>
        {
            var time = http.RequestServices.GetRequiredService<TimeProvider>();
            w.WriteStartObject();
            w.WriteString("timestamp", Dates.V2Timestamp(time.GetUtcNow()));
            w.WriteString("trace_id", Guid.NewGuid().ToString());
            w.WriteString("error", error);
            w.WriteString("error_description", description);
            w.WriteString("error_uri", "https://developer.personio.de/reference/errors#credentials.oauth2." + error);
            w.WriteStartObject("meta");
            if (missingParameters is not null)
            {
                w.WriteStartArray("missing_parameters");
                foreach (var parameter in missingParameters)
                {
                    w.WriteStringValue(parameter);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }, V2Errors.ProblemJson);
}
