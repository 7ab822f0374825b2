using System.Net.Http.Json;
using Microsoft.Playwright;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Browser;

/// <summary>
/// A long sync watched live: 10,000 employees in the sandbox, read at Rollcall's own Personio limits (its defaults), so the
/// read takes a while. The admin starts the sync from the integration page and watches the run page count pages without
/// reloading; once the run has ended the page shows it finished with its counts. Desktop and phone, English and German;
/// screenshots under artifacts/screenshots/live-progress-&lt;language&gt;-&lt;width&gt;/.
/// </summary>
public sealed class LiveProgressBrowserTests
{
    private sealed record Words(string Locale, string Language, string SyncNow, string Finished, string PagesOf);

    private static readonly Words English = new("en-US", "en", "Sync now", "run ended", "100 of 100 pages read");
    private static readonly Words German = new("de-DE", "de", "Jetzt synchronisieren", "Lauf beendet", "100 von 100 Seiten gelesen");

    [Theory]
    [InlineData("en", 1280)]
    [InlineData("en", 375)]
    [InlineData("de", 1280)]
    [InlineData("de", 375)]
    public async Task Sync_TenThousandEmployees_ProgressAdvancesWithoutReloadThenRunPageShowsItFinished(string language, int width)
    {
        var words = language == "de" ? German : English;
        await using var sandbox = SandboxServer.Start();
        var personio = await sandbox.CreateCompanyAsync(10_000, seed: 11);
        await using var app = RollcallApp.StartOnLoopback(new Dictionary<string, string?>
        {
            ["Personio:BaseUrl"] = sandbox.BaseUrl.ToString(),
            ["Personio:RetryBaseDelay"] = "00:00:00.050",
            ["Sync:ScheduleNightlyRuns"] = "false",
        });
        var company = await app.CreateCompanyAsync("Progress GmbH");
        var api = app.ApiClient(company.ApiKey);
        await api.PutAsJsonAsync($"/api/companies/{company.Id}", new { language = words.Language });
        await SyncScenario.AssertOkAsync(await api.PutAsJsonAsync($"/api/companies/{company.Id}/personio/credentials",
            new { clientId = personio.ClientId, clientSecret = personio.Secret }));
        await using var browser = await BrowserSession.StartAsync(app.Url!, $"live-progress-{language}-{width}", words.Locale, width);
        var page = browser.Page;
        await BrowserSession.LogInAsync(page, company.AdminEmail);
        await page.WaitForURLAsync($"**/companies/{company.Id}");

        await page.GotoAsync($"/companies/{company.Id}/integrations/personio");
        await page.GetByRole(AriaRole.Button, new() { Name = words.SyncNow, Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/runs/*");
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;
        await page.WaitForFunctionAsync("() => parseInt(document.querySelector('[data-pages-read]')?.textContent ?? '0', 10) > 0");
        var first = await PagesReadAsync(page);
        await browser.ScreenshotAsync("running");
        await page.WaitForFunctionAsync("n => parseInt(document.querySelector('[data-pages-read]')?.textContent ?? '0', 10) > n", first);
        var later = await PagesReadAsync(page);

        Assert.True(later > first, $"pages read went from {first} to {later}");
        Assert.Equal(0, navigations); // updated in place, not by reloading the page
        await Assertions.Expect(page.Locator("[data-progress-summary]")).ToHaveAttributeAsync("aria-live", "polite");

        // Once the run has ended the script reloads the page once: its final counts and steps.
        await Assertions.Expect(page.Locator("[data-progress-summary]")).ToContainTextAsync(words.Finished, new() { Timeout = 240_000 });
        await Assertions.Expect(page.Locator("[data-pages-read]")).ToContainTextAsync(words.PagesOf);
        await Assertions.Expect(page.Locator("[data-live-progress]")).ToHaveAttributeAsync("data-running", "false");
        await Assertions.Expect(page.Locator("table.steps")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("finished");
    }

    private static async Task<int> PagesReadAsync(IPage page) =>
        int.Parse((await page.Locator("[data-pages-read]").GetAttributeAsync("data-pages-read"))!, System.Globalization.CultureInfo.InvariantCulture);
}
