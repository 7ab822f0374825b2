using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rollcall.Data.Companies;
using Rollcall.Data.Outbox;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;
using Rollcall.Tests.Overview;

namespace Rollcall.Tests.Browser;

/// <summary>
/// The overview with items needing action and with none, and the trends of 90 days of runs, in Chromium at a desktop's
/// and a phone's width, in English and German. Screenshots under artifacts/screenshots/overview-{language}-{width}/.
/// </summary>
public sealed class OverviewBrowserTests
{
    [Theory]
    [InlineData("en", 1280, "Needs your attention", "All is well: nothing needs you.", "Show as table", "Last 90 days")]
    [InlineData("en", 375, "Needs your attention", "All is well: nothing needs you.", "Show as table", "Last 90 days")]
    [InlineData("de", 1280, "Braucht Ihre Aufmerksamkeit", "Alles in Ordnung: Nichts braucht Sie.", "Als Tabelle zeigen", "Letzte 90 Tage")]
    [InlineData("de", 375, "Braucht Ihre Aufmerksamkeit", "Alles in Ordnung: Nichts braucht Sie.", "Als Tabelle zeigen", "Letzte 90 Tage")]
    public async Task OverviewWithAndWithoutItems_AndTrends_AtDesktopAndPhoneWidth(string language, int width, string attention, string allWell, string showTable, string ninetyDays)
    {
        await using var app = RollcallApp.StartOnLoopback(new Dictionary<string, string?> { ["Sync:ScheduleNightlyRuns"] = "true" });
        var busy = await app.CreateCompanyAsync("Acme GmbH", "ada.admin@acme.example");
        var calm = await app.CreateCompanyAsync("Globex AG", busy.AdminEmail);
        foreach (var company in new[] { busy, calm })
        {
            var lang = language == "de" ? CompanyLanguage.De : CompanyLanguage.En;
            await app.WithDbAsync(db => db.Companies.Where(c => c.Id == company.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Language, lang)));
            await SeedAsync(app, company, needsAction: company == busy);
        }

        await using var browser = await BrowserSession.StartAsync(app.Url!, $"overview-{language}-{width}", language == "de" ? "de-DE" : "en-US", width);
        var page = browser.Page;
        await BrowserSession.LogInAsync(page, busy.AdminEmail);

        await page.GotoAsync($"/companies/{busy.Id}");
        var items = page.Locator("[data-attention]");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = attention })).ToBeVisibleAsync();
        await Assertions.Expect(items).ToHaveCountAsync(5);
        await Assertions.Expect(items.First.Locator(".badge-danger")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-integration-state]")).ToHaveClassAsync("badge badge-ok");
        await AssertFitsAsync(page, width);
        await browser.ScreenshotAsync("overview-needs-action");

        await page.GotoAsync($"/companies/{calm.Id}");
        await Assertions.Expect(page.Locator(".empty-state")).ToHaveTextAsync(allWell);
        await Assertions.Expect(items).ToHaveCountAsync(0);
        await AssertFitsAsync(page, width);
        await browser.ScreenshotAsync("overview-all-well");

        await page.GotoAsync($"/companies/{busy.Id}/trends?days=90");
        await Assertions.Expect(page.Locator("svg.chart[role='img']")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = ninetyDays })).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(page.Locator("table[data-table='users'] tbody tr")).ToHaveCountAsync(90);
        foreach (var chart in await page.Locator(".chart-scroll").AllAsync())
        {
            // A chart wider than a phone scrolls inside its box; the page itself does not.
            var box = await chart.BoundingBoxAsync();
            Assert.True(box is { } b && b.X >= 0 && b.X + b.Width <= width, $"A chart's box does not fit the {width}-pixel viewport: {box?.X} + {box?.Width}");
        }

        await AssertFitsAsync(page, width);
        await browser.ScreenshotAsync("trends-90-days");
        await page.GetByText(showTable).First.ClickAsync();
        await Assertions.Expect(page.Locator("table[data-table='users']")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("trends-users-table");
    }

    /// <summary>The page is no wider than the viewport: nothing sticks out sideways (a chart scrolls inside its own box).</summary>
    private static async Task AssertFitsAsync(IPage page, int width)
    {
        var scroll = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scroll <= width, $"{page.Url} is {scroll} px wide in a {width} px viewport");
    }

    /// <summary>
    /// A nightly run on each of the last 90 days (and a manual one now and then) with users growing, some failures and a
    /// rejected approval; with <paramref name="needsAction"/>, also the last two runs failing, changes held for approval,
    /// mail failed and held, and a mapped attribute no longer readable.
    /// </summary>
    private static async Task SeedAsync(RollcallApp app, TestCompany company, bool needsAction)
    {
        var kit = OverviewKit.ForSeeding(app, company);
        await kit.ConnectAsync(unreadable: needsAction ? SyncScenario.IbanKey : null);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var runs = new List<SyncRun>();
        for (var day = 0; day < 90; day++)
        {
            var startedAt = now.AddDays(day - 89).AddHours(-1);
            var (active, invited, deactivated) = (180 + (day * 7 / 10) - (day % 7 == 0 ? 2 : 0), 6 + (day % 9), 12 + (day / 6));
            var state = day switch
            {
                88 or 89 when needsAction => RunState.Failed,
                70 => needsAction ? RunState.NeedsApproval : RunState.Rejected,
                40 => RunState.Rejected,
                _ when day % 17 == 5 => RunState.Failed,
                _ => RunState.Succeeded,
            };
            runs.Add(Run(company, startedAt, state, (active, invited, deactivated), requests: 4 + (active / 100) + (day % 10 == 0 ? 6 : 0), throttled: day % 10 == 0 ? 3 : 0));
            if (day % 11 == 3)
            {
                runs.Add(Run(company, startedAt.AddHours(-6), RunState.Succeeded, (active, invited, deactivated), requests: 4, throttled: 0, SyncTrigger.Manual));
            }
        }

        await app.WithDbAsync(db =>
        {
            db.SyncRuns.AddRange(runs);
            return db.SaveChangesAsync();
        });
        if (needsAction)
        {
            await kit.AddHeldStepsAsync(runs.Single(r => r.State == RunState.NeedsApproval).Id, 3);
            await kit.AddMailAsync(MessageState.Failed, held: false, 2);
            await kit.AddMailAsync(MessageState.Pending, held: true, 4);
        }
    }

    private static SyncRun Run(TestCompany company, DateTime startedAt, RunState state, (int Active, int Invited, int Deactivated) users, int requests, int throttled,
        SyncTrigger trigger = SyncTrigger.Schedule) => new()
    {
        Id = Guid.NewGuid(), CompanyId = company.Id, Trigger = trigger, State = state, StartedAt = startedAt, FinishedAt = startedAt.AddMinutes(4),
        Phase = state == RunState.NeedsApproval ? RunPhase.WaitingForApproval : RunPhase.Finished, Read = users.Active + users.Deactivated + 40,
        Created = state == RunState.Succeeded ? 1 : 0, UsersActive = users.Active, UsersInvited = users.Invited, UsersDeactivated = users.Deactivated,
        PersonioRequests = requests, PersonioThrottled = throttled,
    };
}
