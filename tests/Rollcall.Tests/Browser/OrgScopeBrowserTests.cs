using System.Net.Http.Json;
using Microsoft.Playwright;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Browser;

/// <summary>
/// Where people belong, in a real browser and in both languages: an admin narrows the scope, previews what it would
/// change, saves it from the preview, and sees a user's org data and manager. Screenshots under
/// artifacts/screenshots/org-scope-{language}/.
/// </summary>
public sealed class OrgScopeBrowserTests
{
    [Theory]
    [InlineData("en", "Who becomes a user", "Preview", "previewed", "Save these rules", "Legal entity", "Manager", "outside this company's scope", "People in Personio")]
    [InlineData("de", "Wer Benutzer wird", "Vorschau", "Vorschau erstellt", "Diese Regeln speichern", "Gesellschaft", "Führungskraft", "außerhalb des Umfangs dieser Firma", "Personen in Personio")]
    public async Task ScopePreviewedAndSaved_UserShowsOrgDataAndManager_ExplorerSaysWhyNot(
        string language, string rulesLink, string preview, string previewed, string saveProposed, string legalEntity, string manager, string outOfScope, string people)
    {
        await using var sandbox = SandboxServer.Start();
        var personio = await sandbox.CreateCompanyAsync(0);
        await using var app = RollcallApp.StartOnLoopback(new Dictionary<string, string?>
        {
            ["Personio:BaseUrl"] = sandbox.BaseUrl.ToString(),
            ["Personio:RetryBaseDelay"] = "00:00:00.050",
            ["Sync:ScheduleNightlyRuns"] = "false",
        });
        var company = await app.CreateCompanyAsync("Scope GmbH");
        var api = app.ApiClient(company.ApiKey);
        await api.PutAsJsonAsync($"/api/companies/{company.Id}", new { language });
        var boss = await HireAsync(sandbox, personio.Id, "Berta", "Boss", new { legal_entity_id = 7701, department_id = 2801 });
        await HireAsync(sandbox, personio.Id, "Rudi", "Report", new { legal_entity_id = 7701, department_id = 2801, supervisor_id = boss });
        await HireAsync(sandbox, personio.Id, "Alois", "Wiener", new { legal_entity_id = 7702, department_id = 2802 });
        await SyncScenario.AssertOkAsync(await api.PutAsJsonAsync($"/api/companies/{company.Id}/personio/credentials",
            new { clientId = personio.ClientId, clientSecret = personio.Secret }));
        var first = await (await api.PostAsync($"/api/companies/{company.Id}/personio/sync", null)).Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        await Pages.PageKit.FinishedRunAsync(app, Guid.Parse(first!["id"]!.GetValue<string>()));
        await using var browser = await BrowserSession.StartAsync(app.Url!, $"org-scope-{language}");
        var page = browser.Page;
        await page.GotoAsync("/login");
        await page.Locator("input[name='Email']").FillAsync(company.AdminEmail);
        await page.Locator("input[name='Password']").FillAsync(RollcallApp.Password);
        await page.Locator("input[name='Password']").PressAsync("Enter");
        await page.WaitForURLAsync($"**/companies/{company.Id}");

        await page.GotoAsync($"/companies/{company.Id}/integrations/personio");
        await page.GetByRole(AriaRole.Link, new() { Name = rulesLink }).ClickAsync();
        await page.Locator("input[name='Form.LegalEntityIds'][value='7701']").CheckAsync();
        await browser.ScreenshotAsync("rules");
        await page.GetByRole(AriaRole.Button, new() { Name = preview, Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/runs/*");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(previewed, new() { Timeout = 30_000 });
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(outOfScope);
        await browser.ScreenshotAsync("preview");
        await page.GetByRole(AriaRole.Button, new() { Name = saveProposed }).ClickAsync();
        await page.WaitForURLAsync("**/integrations/personio/rules");
        await Assertions.Expect(page.Locator("input[name='Form.LegalEntityIds'][value='7701']")).ToBeCheckedAsync();

        await page.GotoAsync($"/companies/{company.Id}/users");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(legalEntity);
        await page.GetByRole(AriaRole.Link, new() { Name = "Rudi Report" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(manager);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Berta Boss" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("(7701)");
        await browser.ScreenshotAsync("user-org");

        // The saved scope applied by the next run: the explorer answers why Alois is no user any more.
        var second = await (await api.PostAsync($"/api/companies/{company.Id}/personio/sync", null)).Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        await Pages.PageKit.FinishedRunAsync(app, Guid.Parse(second!["id"]!.GetValue<string>()));
        await page.GetByRole(AriaRole.Link, new() { Name = people }).ClickAsync();
        await page.Locator("input[name='search']").FillAsync("Alois");
        await page.Locator("input[name='search']").PressAsync("Enter");
        await page.WaitForURLAsync("**/people?*search=Alois*");
        var rows = page.Locator("main table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync(outOfScope);
        await browser.ScreenshotAsync("explorer");
    }

    private static async Task<long> HireAsync(SandboxServer sandbox, string companyId, string first, string last, object org)
    {
        var hired = await sandbox.PostAsync($"/_sandbox/companies/{companyId}/employees", new { first_name = first, last_name = last, email = $"{first.ToLowerInvariant()}@example.test" });
        var id = hired.GetProperty("id").GetInt64();
        await sandbox.SendAsync(HttpMethod.Patch, $"/_sandbox/companies/{companyId}/employees/{id}", org);
        return id;
    }
}
