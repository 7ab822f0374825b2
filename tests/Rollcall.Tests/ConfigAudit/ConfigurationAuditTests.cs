using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.ConfigAudit;

/// <summary>
/// Every change to a company's configuration is recorded with who made it, when, and before/after, whichever way it was
/// made (API key, signed-in admin on a page, command line); secrets never appear.
/// </summary>
public sealed class ConfigurationAuditTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task EveryConfigurationChange_Recorded_WithActorAndBeforeAfter_NeverASecret(string provider)
    {
        await using var sandbox = SandboxServer.Start();
        var first = await sandbox.CreateCompanyAsync(3, seed: 1);
        var second = await sandbox.CreateCompanyAsync(3, seed: 2);
        var database = provider == "Postgres" ? await TestDatabase.PostgresAsync() : TestDatabase.Sqlite();
        await using var app = RollcallApp.Start(database, new Dictionary<string, string?> { ["Personio:BaseUrl"] = sandbox.BaseUrl.ToString() });
        var company = await app.CreateCompanyAsync();
        var api = app.ApiClient(company.ApiKey);
        var root = $"/api/companies/{company.Id}";

        await Ok(api.PutAsJsonAsync($"{root}/personio/credentials", new { clientId = first.ClientId, clientSecret = first.Secret }));
        await Ok(api.PutAsJsonAsync($"{root}/personio/credentials", new { clientId = second.ClientId, clientSecret = second.Secret }));
        await Ok(api.PutAsJsonAsync($"{root}/personio/mapping", new { ibanAttribute = SyncScenario.IbanKey }));
        await Ok(api.PatchAsJsonAsync($"{root}/personio/settings", new { nightlyAt = "03:30", guardPercent = 25 }));
        await Ok(api.PutAsJsonAsync($"{root}/mail/settings", new { allowedDomains = "acme.de", testMode = false, invitationCapPerRun = 50 }));
        await Ok(api.PutAsJsonAsync(root, new { name = "Acme Holding GmbH" }));
        var issued = await (await api.PostAsJsonAsync($"{root}/api-keys", new { name = "payroll export", readOnly = true })).ReadJsonAsync(HttpStatusCode.Created);
        await Ok(api.DeleteAsync($"{root}/api-keys/{issued["apiKey"]!["id"]}"));
        await Ok(api.DeleteAsync($"{root}/personio"));

        var body = await (await api.GetAsync($"{root}/configuration-changes?pageSize=50")).Content.ReadAsStringAsync();
        // The company's creation and its first key (the test set-up's) are Rollcall's own; what follows is the key's.
        var changes = JsonNode.Parse(body)!["items"]!.AsArray().Select(c => c!).Reverse().Where(c => c["actorKind"]!.GetValue<string>() != "system").ToList();
        var actions = changes.Select(c => c["action"]!.GetValue<string>()).ToList();

        Assert.Equal(
        [
            "credentials.connected", "credentials.replaced", "mapping.changed", "settings.changed", "mail_rails.changed",
            "company.changed", "api_key.issued", "api_key.revoked", "credentials.disconnected",
        ], actions);
        Assert.All(changes, c =>
        {
            Assert.Equal("api_key", c["actorKind"]!.GetValue<string>());
            Assert.Equal($"tests ({company.AdminEmail})", c["actorName"]!.GetValue<string>());
        });
        Assert.Equal([("client_id", null, first.ClientId), ("client_secret", null, "set")], Fields(changes[Index("credentials.connected")]));
        Assert.Equal([("client_id", first.ClientId, second.ClientId), ("client_secret", "set", "replaced")], Fields(changes[Index("credentials.replaced")]));
        Assert.Equal([("iban_attribute", null, SyncScenario.IbanKey)], Fields(changes[Index("mapping.changed")]));
        Assert.Equal([("nightly_at", "02:00", "03:30"), ("guard_percent", "10", "25")], Fields(changes[Index("settings.changed")]));
        Assert.Equal([("invitation_domains", null, "acme.de"), ("invitation_cap_per_run", "200", "50")], Fields(changes[Index("mail_rails.changed")]));
        Assert.Equal([("name", "Acme GmbH", "Acme Holding GmbH")], Fields(changes[Index("company.changed")]));
        Assert.Equal("payroll export (rk_" + issued["apiKey"]!["prefix"]!.GetValue<string>() + "_…)", changes[Index("api_key.issued")]["subject"]!.GetValue<string>());
        Assert.Contains(("read_only", null, "true"), Fields(changes[Index("api_key.issued")]));
        Assert.Equal([("client_id", second.ClientId, null), ("client_secret", "set", null)], Fields(changes[Index("credentials.disconnected")]));
        Assert.DoesNotContain(first.Secret, body);
        Assert.DoesNotContain(second.Secret, body);
        Assert.DoesNotContain(issued["key"]!.GetValue<string>().Split('_')[2], body);

        int Index(string action) => actions.IndexOf(action);
    }

    [Fact]
    public async Task ChangeOnAPage_RecordsTheSignedInAdmin_ThePageListsItInGerman_AndFiltersByKind()
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();
        var browser = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync(company.AdminEmail, RollcallApp.Password)).StatusCode);
        await Ok(app.ApiClient(company.ApiKey).PostAsJsonAsync($"/api/companies/{company.Id}/api-keys", new { name = "by the key" }));

        var saved = await browser.PostFormAsync($"/companies/{company.Id}/mail?handler=Settings", new Dictionary<string, string>
        {
            ["AllowedDomains"] = "acme.de", ["InvitationCapPerRun"] = "20",
        }, tokenFrom: $"/companies/{company.Id}/mail");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/companies/{company.Id}/configuration-changes"));
        var onlyKeys = await browser.GetStringAsync($"/companies/{company.Id}/configuration-changes?kind=api_key");
        var listed = await (await app.ApiClient(company.ApiKey).GetAsync($"/api/companies/{company.Id}/configuration-changes?kind=mail_rails")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.True(saved.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, saved.StatusCode.ToString());
        var rails = Assert.Single(listed["items"]!.AsArray());
        Assert.Equal(("admin", company.AdminEmail), (rails!["actorKind"]!.GetValue<string>(), rails["actorName"]!.GetValue<string>()));
        Assert.Contains("Konfigurationsänderungen", page); // the company's language is German
        Assert.Contains("mail_rails.changed", page);
        Assert.Contains("acme.de", page);
        Assert.Contains("api_key.issued", onlyKeys);
        Assert.DoesNotContain("mail_rails.changed", onlyKeys);
    }

    [Fact]
    public async Task ReadingAndRunning_RecordNothing_OnlyConfigurationChangesCount()
    {
        var s = await SyncScenario.StartAsync();
        await using var _ = s;
        await s.StaffAsync(3);
        var before = await CountAsync(s);

        await s.SyncAsync();
        await s.SyncAsync();
        await s.Api.GetAsync($"{s.Base}");

        Assert.Equal(before, await CountAsync(s));
    }

    private static async Task<int> CountAsync(SyncScenario s) =>
        (await (await s.Api.GetAsync($"/api/companies/{s.Company.Id}/configuration-changes")).ReadJsonAsync(HttpStatusCode.OK))["total"]!.GetValue<int>();

    private static List<(string Field, string? Before, string? After)> Fields(JsonNode change) =>
        [.. change["changes"]!.AsArray().Select(c => (c!["field"]!.GetValue<string>(), c["before"]?.GetValue<string>(), c["after"]?.GetValue<string>()))];

    private static async Task Ok(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
