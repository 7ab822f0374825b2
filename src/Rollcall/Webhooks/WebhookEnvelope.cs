using System.Text.Json;
using Rollcall.Data;
using Rollcall.Personio;

namespace Rollcall.Webhooks;

/// <summary>
/// What Rollcall reads of a Personio delivery: <c>{company_id, event_name, occurred_at, payload, meta}</c>, the payload
/// naming the person (<c>person.*</c>: <c>id</c>) or the employment and its person (<c>employment.*</c>: <c>id</c>,
/// <c>person_id</c>). Ids may come as numbers or as numeric strings.
/// </summary>
internal sealed record WebhookEnvelope(string EventName, bool Used, long? PersonId, string? EmploymentId, DateTime? OccurredAt)
{
    private const int MaxEventName = 64;
    private const int MaxEmploymentId = 64;
    private static readonly HashSet<string> UsedEvents = [.. PersonioClient.WebhookEvents];

    /// <summary>The envelope, or why it is no envelope Rollcall can use (<c>invalid_webhook.*</c>, a 400).</summary>
    public static (WebhookEnvelope? Envelope, Reason? Problem) Parse(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return (null, new Reason("invalid_webhook.json"));
        }

        using (document)
        {
            JsonElement? root = document.RootElement;
            if (root.Value.ValueKind != JsonValueKind.Object)
            {
                return (null, new Reason("invalid_webhook.json"));
            }

            if (root.Property("event_name") is not { ValueKind: JsonValueKind.String } name || name.GetString() is not { Length: > 0 and <= MaxEventName } eventName)
            {
                return (null, new Reason("invalid_webhook.event_name"));
            }

            if (root.Property("payload") is not { ValueKind: JsonValueKind.Object } payload)
            {
                return (null, new Reason("invalid_webhook.payload"));
            }

            var occurredAt = root.Property("occurred_at").AsMoment()?.UtcDateTime;
            if (!UsedEvents.Contains(eventName))
            {
                return (new WebhookEnvelope(eventName, Used: false, null, null, occurredAt), null);
            }

            if (eventName.StartsWith("person.", StringComparison.Ordinal))
            {
                return ((JsonElement?)payload).Property("id").AsLong() is { } id && id > 0
                    ? (new WebhookEnvelope(eventName, Used: true, id, null, occurredAt), null)
                    : (null, new Reason("invalid_webhook.id"));
            }

            // An employment's id is Personio's own (a UUID in v2): kept as text; the person it belongs to is what is read.
            if (((JsonElement?)payload).Property("id") is not { ValueKind: JsonValueKind.String or JsonValueKind.Number } employment
                || employment.ToString() is not { Length: > 0 and <= MaxEmploymentId } employmentId)
            {
                return (null, new Reason("invalid_webhook.id"));
            }

            var personId = ((JsonElement?)payload).Property("person_id").AsLong();
            return (new WebhookEnvelope(eventName, Used: true, personId > 0 ? personId : null, employmentId, occurredAt), null);
        }
    }
}
