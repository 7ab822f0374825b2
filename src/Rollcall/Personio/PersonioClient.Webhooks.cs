using System.Text.Json;
using System.Text.Json.Serialization;
using Rollcall.Data;

namespace Rollcall.Personio;

/// <summary>
/// Personio's v2 webhook management (scopes <c>personio:webhooks:read</c> and <c>personio:webhooks:write</c>). Personio
/// sends the token verbatim in the <c>Authorization</c> header of every delivery (auth type TOKEN) and requires an
/// https URL. A credential without the scopes fails with <see cref="PersonioFailure.MissingPermission"/>.
/// </summary>
public sealed partial class PersonioClient
{
    /// <summary>The person and employment events a sync acts on.</summary>
    public static readonly IReadOnlyList<string> WebhookEvents =
    [
        "person.created", "person.updated", "person.deleted",
        "employment.created", "employment.updated", "employment.deleted", "employment.started", "employment.terminated",
    ];

    private sealed record WebhookBody(
        [property: JsonPropertyName("url")] string Url,
        [property: JsonPropertyName("description")] string Description,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("auth_type")] string AuthType,
        [property: JsonPropertyName("token")] string Token,
        [property: JsonPropertyName("enabled_events")] IReadOnlyList<string> EnabledEvents);

    /// <summary>
    /// Registers Rollcall's webhook for <paramref name="url"/> with <paramref name="token"/>, enabled for
    /// <see cref="WebhookEvents"/>, and returns Personio's id for it. An existing registration is updated rather than
    /// doubled: the one with <paramref name="knownId"/>, or else one Personio already has for the same URL (left by an
    /// earlier attempt whose answer was lost).
    /// </summary>
    public async Task<string> RegisterWebhookAsync(PersonioCredentials credentials, Uri url, string token, string? knownId, CancellationToken ct)
    {
        var body = new WebhookBody(url.AbsoluteUri, "Rollcall directory sync", "ENABLED", "TOKEN", token, WebhookEvents);
        var existing = knownId ?? await FindWebhookAsync(credentials, url, ct);
        if (existing is not null)
        {
            using var updated = await v2.SendAsync(credentials, HttpMethod.Patch, $"/v2/webhooks/{Uri.EscapeDataString(existing)}", body, WebhooksRefused, ct);
            if (updated is not null)
            {
                return existing;
            }
        }

        using var created = await v2.SendAsync(credentials, HttpMethod.Post, "/v2/webhooks", body, WebhooksRefused, ct)
            ?? throw new PersonioException(PersonioFailure.MalformedResponse, new Reason("personio.unexpected_status", 404));
        return created.RootElement.Property("id").AsText()
            ?? created.RootElement.Property("_data").Property("id").AsText()
            ?? throw new PersonioException(PersonioFailure.MalformedResponse, new Reason("personio.no_webhook_id"));
    }

    /// <summary>Deletes a webhook; one Personio no longer has counts as deleted.</summary>
    public async Task DeleteWebhookAsync(PersonioCredentials credentials, string id, CancellationToken ct)
    {
        using var _ = await v2.SendAsync(credentials, HttpMethod.Delete, $"/v2/webhooks/{Uri.EscapeDataString(id)}", null, WebhooksRefused, ct);
    }

    private async Task<string?> FindWebhookAsync(PersonioCredentials credentials, Uri url, CancellationToken ct)
    {
        using var list = await v2.SendAsync(credentials, HttpMethod.Get, "/v2/webhooks", null, WebhooksRefused, ct);
        if (list?.RootElement.Property("_data") is not { ValueKind: JsonValueKind.Array } hooks)
        {
            return null;
        }

        return hooks.EnumerateArray()
            .Where(h => Uri.TryCreate(((JsonElement?)h).Property("url").AsText(), UriKind.Absolute, out var registered) && registered == url)
            .Select(h => ((JsonElement?)h).Property("id").AsText())
            .FirstOrDefault(id => id is not null);
    }

    private static Reason WebhooksRefused => new Reason("personio.webhooks_refused");
}
