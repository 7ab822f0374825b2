using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Browser;

/// <summary>
/// The pages on a 375-pixel-wide phone, in both languages: nothing but a table's own scroller runs wider than the
/// screen, and the company navigation stays reachable. Screenshots under artifacts/screenshots/phone-{language}/.
/// </summary>
public sealed class PhoneLayoutBrowserTests
{
    [Theory]
    [InlineData("en", "en-US", "Sync history")]
    [InlineData("de", "de-DE", "Synchronisationsverlauf")]
    public async Task UsersHistoryRunAndIntegration_At375Pixels_NothingOverflowsSideways(string language, string locale, string history)
    {
        await using var sandbox = SandboxServer.Start();
        var personio = await sandbox.CreateCompanyAsync(25, seed: 11);
        await using var app = RollcallApp.StartOnLoopback(new Dictionary<string, string?>
        {
            ["Personio:BaseUrl"] = sandbox.BaseUrl.ToString(),
            ["Personio:RetryBaseDelay"] = "00:00:00.050",
            ["Sync:ScheduleNightlyRuns"] = "false",
        });
        var company = await app.CreateCompanyAsync("Schmal & Lang Handelsgesellschaft mbH");
        var api = app.ApiClient(company.ApiKey);
        await SyncScenario.AssertOkAsync(await api.PutAsJsonAsync($"/api/companies/{company.Id}", new { language }));
        await SyncScenario.AssertOkAsync(await api.PutAsJsonAsync($"/api/companies/{company.Id}/personio/credentials",
            new { clientId = personio.ClientId, clientSecret = personio.Secret, ibanAttribute = SyncScenario.IbanKey }));
        var queued = await (await api.PostAsync($"/api/companies/{company.Id}/personio/sync", null)).Content.ReadFromJsonAsync<JsonObject>();
        var run = await Pages.PageKit.FinishedRunAsync(app, Guid.Parse(queued!["id"]!.GetValue<string>()));

        await using var browser = await BrowserSession.StartAsync(app.Url!, $"phone-{language}", locale, width: 375);
        var page = browser.Page;
        await page.GotoAsync("/login");
        await AssertFitsAsync(page, "login");
        await browser.ScreenshotAsync("login");
        await BrowserSession.LogInAsync(page, company.AdminEmail);
        await page.WaitForURLAsync($"**/companies/{company.Id}");
        await page.GotoAsync($"/companies/{company.Id}/users");
        await Assertions.Expect(page.Locator("main table tbody tr").First).ToBeVisibleAsync();
        Assert.True(await page.Locator("main table tbody tr").CountAsync() > 10, "The users page lists the synced users.");
        await AssertFitsAsync(page, "users");
        await browser.ScreenshotAsync("users");

        // The navigation wraps rather than runs off the screen: its links stay on it and can be followed.
        await page.GetByRole(AriaRole.Link, new() { Name = history, Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**/companies/{company.Id}/runs");
        await AssertFitsAsync(page, "sync history");
        await browser.ScreenshotAsync("sync-history");

        await page.GotoAsync($"/companies/{company.Id}/runs/{run.Id}");
        await AssertFitsAsync(page, "run");
        await browser.ScreenshotAsync("run");

        await page.GotoAsync($"/companies/{company.Id}/integrations/personio");
        await AssertFitsAsync(page, "integration");
        await browser.ScreenshotAsync("integration");
    }

    /// <summary>
    /// The page is no wider than the phone: anything wider (a table) scrolls inside its own .table-wrap. A phone's browser
    /// widens its layout viewport to fit a page that overflows, so the page's width is compared with the phone's, and the
    /// elements that stick out are named.
    /// </summary>
    private static async Task AssertFitsAsync(IPage page, string what)
    {
        var scroll = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var inner = await page.EvaluateAsync<int>("window.innerWidth");
        var wide = scroll <= Phone && inner <= Phone ? [] : await page.EvaluateAsync<string[]>(
            """
            w => [...document.querySelectorAll('body *')]
                .filter(e => !e.closest('.table-wrap') && e.getBoundingClientRect().right > w + 1)
                .slice(0, 8).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right))
            """, Phone);
        Assert.True(scroll <= Phone && inner <= Phone, $"The {what} page is {scroll} px wide on a {Phone} px phone (viewport {inner} px); sticking out: {string.Join(", ", wide)}");
    }

    private const int Phone = 375;
}
