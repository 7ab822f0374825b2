using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Webhooks;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Webhooks;

/// <summary>Deliveries as Personio makes them, the company's token through the API, and what the inbox holds.</summary>
internal static class WebhookKit
{
    /// <summary>An envelope as Personio sends it (dataless: ids only).</summary>
    public static string Envelope(string eventName, long id, long? personId = null, string occurredAt = "2026-06-15T10:00:00Z") =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["company_id"] = "123456",
            ["event_name"] = eventName,
            ["occurred_at"] = occurredAt,
            ["payload"] = personId is { } person
                ? new Dictionary<string, string> { ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["person_id"] = person.ToString(System.Globalization.CultureInfo.InvariantCulture) }
                : new Dictionary<string, string> { ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["meta"] = new Dictionary<string, string>(),
        });

    public static async Task<HttpResponseMessage> DeliverAsync(HttpClient client, string companyId, string? token, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/personio/{companyId}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Issues (or rotates) the company's token through the API; the token as shown once.</summary>
    public static async Task<string> IssueTokenAsync(RollcallApp app, TestCompany company)
    {
        var issued = await (await app.ApiClient(company.ApiKey).PostAsync($"/api/companies/{company.Id}/personio/webhook/token", null)).ReadJsonAsync(HttpStatusCode.OK);
        return issued["token"]!.GetValue<string>();
    }

    public static Task<List<WebhookEvent>> InboxAsync(RollcallApp app, Guid companyId) =>
        app.WithDbAsync(db => db.WebhookEvents.AsNoTracking().Where(e => e.CompanyId == companyId).OrderBy(e => e.Id).ToListAsync());

    /// <summary>A v2 access token of the sandbox for <paramref name="clientId"/>, to manage webhooks as an admin would by hand.</summary>
    public static async Task<string> SandboxTokenAsync(SandboxServer sandbox, string clientId, string secret)
    {
        var response = await sandbox.Control.PostAsync("/v2/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        }));
        return (await response.ReadJsonAsync(HttpStatusCode.OK))["access_token"]!.GetValue<string>();
    }

    /// <summary>The company's webhooks in the sandbox, as Personio's v2 API lists them.</summary>
    public static async Task<List<JsonElement>> SandboxWebhooksAsync(SandboxServer sandbox, string clientId, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/webhooks");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await SandboxTokenAsync(sandbox, clientId, secret));
        var response = await sandbox.Control.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return [.. JsonDocument.Parse(text).RootElement.GetProperty("_data").EnumerateArray().Select(e => e.Clone())];
    }
}
