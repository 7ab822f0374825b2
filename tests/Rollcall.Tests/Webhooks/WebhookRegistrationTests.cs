using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Rollcall.Data.Personio;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Webhooks;

/// <summary>
/// The webhook in Personio (the sandbox, over HTTP): registered with a credential that may manage webhooks, set up by hand
/// without, removed on disconnect; and the sandbox really delivering to Rollcall.
/// </summary>
public sealed class WebhookRegistrationTests
{
    private static readonly Dictionary<string, string?> Https = new() { ["Mail:PublicBaseUrl"] = "https://rollcall.example" };

    private static async Task<(System.Text.Json.Nodes.JsonNode Answer, string Token)> IssueAsync(SyncScenario s)
    {
        var answer = await (await s.Api.PostAsync($"{s.Base}/webhook/token", null)).ReadJsonAsync(HttpStatusCode.OK);
        return (answer, answer["token"]!.GetValue<string>());
    }

    [Fact]
    public async Task IssueAndRotate_CredentialMayManageWebhooks_OneWebhookRegisteredInPersonio_ThenPatched()
    {
        await using var s = await SyncScenario.ConnectedAsync(settings: Https);

        var (issued, _) = await IssueAsync(s);
        var (rotated, _) = await IssueAsync(s);
        var hooks = await WebhookKit.SandboxWebhooksAsync(s.Sandbox, s.Personio.ClientId, s.Personio.Secret);
        var stored = await s.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.PersonioIntegrations, i => i.CompanyId == s.Company.Id));

        Assert.Equal("registered", issued["webhook"]!["state"]!.GetValue<string>());
        Assert.Equal("registered", rotated["webhook"]!["state"]!.GetValue<string>());
        Assert.Null(rotated["webhook"]!["problem"]);
        var hook = Assert.Single(hooks);
        Assert.Equal($"https://rollcall.example/hooks/personio/{s.Company.Id}", hook.GetProperty("url").GetString());
        Assert.Equal("ENABLED", hook.GetProperty("status").GetString());
        Assert.Equal("TOKEN", hook.GetProperty("auth_type").GetString());
        Assert.Contains("employment.updated", hook.GetProperty("enabled_events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(hook.GetProperty("id").GetString(), stored.WebhookId);
        Assert.Equal(1, await s.Sandbox.RequestCountAsync("POST /v2/webhooks"));
        Assert.Equal(1, await s.Sandbox.RequestCountAsync("PATCH /v2/webhooks/{id:guid}"));
    }

    [Fact]
    public async Task Issue_CredentialWithoutWebhookScopes_SetUpByHand_ProblemSaysHowToAddThem()
    {
        await using var s = await SyncScenario.StartAsync(settings: Https);
        var (clientId, secret) = await s.Sandbox.CreateCredentialAsync(s.Personio.Id, scopes: ["personio:persons:read"]);
        await SyncScenario.AssertOkAsync(await s.ConnectAsync(clientId, secret));

        var (issued, token) = await IssueAsync(s);
        var german = new HttpRequestMessage(HttpMethod.Get, $"{s.Base}/webhook");
        german.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("de"));
        var germanStatus = await (await s.Api.SendAsync(german)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.StartsWith("Bearer ", token);
        Assert.Equal("manual", issued["webhook"]!["state"]!.GetValue<string>());
        Assert.Equal("webhook", issued["webhook"]!["problemCode"]!.GetValue<string>());
        Assert.Contains("personio:webhooks:write", issued["webhook"]!["problem"]!.GetValue<string>());
        Assert.Contains("Settings › Integrations › API credentials", issued["webhook"]!["problem"]!.GetValue<string>());
        Assert.Contains("Einstellungen › Integrationen › API-Zugangsdaten", germanStatus["problem"]!.GetValue<string>());
        Assert.Equal($"https://rollcall.example/hooks/personio/{s.Company.Id}", issued["webhook"]!["receiverUrl"]!.GetValue<string>());
        Assert.Empty(await WebhookKit.SandboxWebhooksAsync(s.Sandbox, s.Personio.ClientId, s.Personio.Secret));
    }

    [Fact]
    public async Task Issue_PublicAddressNotHttps_NotAttempted_ProblemSaysSo()
    {
        await using var s = await SyncScenario.ConnectedAsync();

        var (issued, _) = await IssueAsync(s);

        Assert.Equal("manual", issued["webhook"]!["state"]!.GetValue<string>());
        Assert.Contains("http://localhost:5000", issued["webhook"]!["problem"]!.GetValue<string>());
        Assert.Equal(0, await s.Sandbox.RequestCountAsync("POST /v2/webhooks"));
        Assert.Equal(0, await s.Sandbox.RequestCountAsync("GET /v2/webhooks"));
    }

    [Fact]
    public async Task DisconnectAndRevoke_DeleteTheWebhookInPersonio_AndTheToken()
    {
        await using var s = await SyncScenario.ConnectedAsync(settings: Https);
        var (_, first) = await IssueAsync(s);

        Assert.Equal(HttpStatusCode.NoContent, (await s.Api.DeleteAsync($"{s.Base}/webhook/token")).StatusCode);
        var afterRevoke = await WebhookKit.SandboxWebhooksAsync(s.Sandbox, s.Personio.ClientId, s.Personio.Secret);
        var (_, second) = await IssueAsync(s);
        var registered = await WebhookKit.SandboxWebhooksAsync(s.Sandbox, s.Personio.ClientId, s.Personio.Secret);
        Assert.Equal(HttpStatusCode.NoContent, (await s.Api.DeleteAsync(s.Base)).StatusCode);
        var afterDisconnect = await WebhookKit.SandboxWebhooksAsync(s.Sandbox, s.Personio.ClientId, s.Personio.Secret);
        var status = await (await s.Api.GetAsync($"{s.Base}/webhook")).ReadJsonAsync(HttpStatusCode.OK);
        var delivered = await WebhookKit.DeliverAsync(s.App.ApiClient(null), s.Company.Id.ToString(), second, WebhookKit.Envelope("person.updated", 1));

        Assert.Empty(afterRevoke);
        Assert.Single(registered);
        Assert.Empty(afterDisconnect);
        Assert.Equal("none", status["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, delivered.StatusCode);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Delivery_WhileTheCredentialsAreRejected_StillRecorded()
    {
        await using var s = await SyncScenario.ConnectedAsync();
        var (_, token) = await IssueAsync(s);
        await s.RegenerateSecretAsync();
        await s.SyncAsync();
        var state = await s.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.PersonioIntegrations.Where(i => i.CompanyId == s.Company.Id).Select(i => i.State)));

        var delivered = await WebhookKit.DeliverAsync(s.App.ApiClient(null), s.Company.Id.ToString(), token, WebhookKit.Envelope("person.created", 12));

        Assert.Equal(IntegrationState.CredentialsRejected, state);
        Assert.Equal(HttpStatusCode.Accepted, delivered.StatusCode);
        Assert.Equal(12, Assert.Single(await WebhookKit.InboxAsync(s.App, s.Company.Id)).PersonId);
    }

    /// <summary>
    /// The sandbox delivers to Rollcall on a real loopback port. Personio requires https, so Rollcall does not register
    /// a plain-http address itself: the webhook is set up by hand, as an admin would, with the URL and token Rollcall shows.
    /// </summary>
    [Fact]
    public async Task SandboxDelivers_OverHttp_EventLandsInTheInbox()
    {
        await using var sandbox = SandboxServer.Start();
        var personio = await sandbox.CreateCompanyAsync(0);
        await using var app = RollcallApp.StartOnLoopback(new Dictionary<string, string?> { ["Personio:BaseUrl"] = sandbox.BaseUrl.ToString() });
        var company = await app.CreateCompanyAsync();
        var token = await WebhookKit.IssueTokenAsync(app, company);
        var receiver = new Uri(app.Url!, $"/hooks/personio/{company.Id}");
        using var register = new HttpRequestMessage(HttpMethod.Post, "/v2/webhooks")
        {
            Content = JsonContent.Create(new Dictionary<string, object>
            {
                ["url"] = receiver.AbsoluteUri, ["status"] = "ENABLED", ["auth_type"] = "TOKEN", ["token"] = token, ["enabled_events"] = new List<string> { "person.updated" },
            }),
        };
        register.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await WebhookKit.SandboxTokenAsync(sandbox, personio.ClientId, personio.Secret));
        Assert.Equal(HttpStatusCode.Created, (await sandbox.Control.SendAsync(register)).StatusCode);
        var person = (await sandbox.PostAsync($"/_sandbox/companies/{personio.Id}/employees", new { first_name = "Ada", last_name = "Lovelace" })).GetProperty("id").GetInt64();

        var fired = await sandbox.PostAsync($"/_sandbox/companies/{personio.Id}/webhooks/fire", new { event_name = "person.updated", person_id = person });
        var inbox = await WaitForInboxAsync(app, company.Id);
        var attempts = await sandbox.SendAsync(HttpMethod.Get, "/_sandbox/webhook-deliveries");

        Assert.Equal(1, fired.GetProperty("queued").GetInt32());
        Assert.Equal(person, Assert.Single(inbox).PersonId);
        Assert.Equal(202, Assert.Single(attempts.EnumerateArray()).GetProperty("status_code").GetInt32());
    }

    /// <summary>The delivery is asynchronous in the sandbox: waits for it, up to a generous bound.</summary>
    private static async Task<List<Rollcall.Data.Webhooks.WebhookEvent>> WaitForInboxAsync(RollcallApp app, Guid companyId)
    {
        for (var i = 0; ; i++)
        {
            var inbox = await WebhookKit.InboxAsync(app, companyId);
            if (inbox.Count > 0 || i == 300)
            {
                return inbox;
            }

            await Task.Delay(100);
        }
    }
}
