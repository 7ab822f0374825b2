using System.Text.Json.Serialization;

namespace Rollcall.PersonioSandbox.Webhooks;

/// <summary>Body of <c>POST /v2/webhooks</c> and <c>PATCH /v2/webhooks/{id}</c> (PATCH: only the fields sent change).</summary>
internal sealed record WebhookRequest
{
    [JsonPropertyName("url")] public string? Url { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("auth_type")] public string? AuthType { get; init; }
    [JsonPropertyName("token")] public string? Token { get; init; }
    [JsonPropertyName("custom_headers")] public Dictionary<string, string>? CustomHeaders { get; init; }
    [JsonPropertyName("enabled_events")] public List<string>? EnabledEvents { get; init; }

    private static readonly string[] ForbiddenHeaderPrefixes =
        ["host", "content-length", "transfer-encoding", "connection", "upgrade", "te", "trailer", "expect", "content-type"];

    /// <summary>Returns the problem with the merged registration, or null when it is acceptable.</summary>
    public static string? Problem(Webhook webhook, bool allowHttpOnLoopback)
    {
        var url = webhook.Url;
        if (url.Scheme != Uri.UriSchemeHttps && !(allowHttpOnLoopback && url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))
        {
            return "The webhook url must use HTTPS.";
        }

        if (webhook.EnabledEvents.Count == 0 || webhook.EnabledEvents.Any(e => !WebhookEvents.All.Contains(e)))
        {
            return "enabled_events must list supported events.";
        }

        if (webhook.Status is not ("ENABLED" or "DISABLED") || webhook.AuthType is not ("NONE" or "TOKEN" or "CUSTOM"))
        {
            return "status or auth_type has an unsupported value.";
        }

        if (webhook.CustomHeaders.Count > 3
            || webhook.CustomHeaders.Keys.Any(h => ForbiddenHeaderPrefixes.Any(f => h.StartsWith(f, StringComparison.OrdinalIgnoreCase))))
        {
            return "custom_headers allows up to 3 headers and no hop-by-hop or content headers.";
        }

        return null;
    }
}
