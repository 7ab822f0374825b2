using System.Net;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Companies;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Pages;

/// <summary>
/// The progress block of a running run, on the run page and the integration page, and alone from their Progress handlers
/// (what the page's script polls): from the run's row, whichever node writes it; admins only.
/// </summary>
public sealed class RunProgressPageTests
{
    [Theory]
    [InlineData(CompanyLanguage.En, "3 of 7 pages read", "reading from Personio", @"2 min \d\d s")]
    [InlineData(CompanyLanguage.De, "3 von 7 Seiten gelesen", "liest aus Personio", @"2 Min\. \d\d s")]
    public async Task RunningRun_PagesAndHandlers_ShowItsProgressFromItsRow(CompanyLanguage language, string pages, string phase, string elapsed)
    {
        await using var s = await SyncScenario.ConnectedAsync();
        await PageKit.SetLanguageAsync(s.App, s.Company.Id, language);
        var browser = await PageKit.LoggedInAsync(s.App, s.Company.AdminEmail);
        var run = await RunningAsync(s, TimeSpan.FromSeconds(125));
        var runPath = $"/companies/{s.Company.Id}/runs/{run}";
        var integrationPath = $"/companies/{s.Company.Id}/integrations/personio";

        var runPage = await browser.HtmlAsync(runPath);
        var fragment = await browser.HtmlAsync($"{runPath}?handler=Progress");
        var integrationPage = await browser.HtmlAsync(integrationPath);
        var integrationFragment = await browser.HtmlAsync($"{integrationPath}?handler=Progress");
        var anonymous = await s.App.BrowserClient().GetAsync($"{runPath}?handler=Progress");

        foreach (var html in (string[])[runPage, fragment, integrationPage, integrationFragment])
        {
            Assert.Contains("data-running=\"true\"", html);
            Assert.Contains(pages, html);
            Assert.Contains(phase, html);
            Assert.Contains("aria-live=\"polite\"", html);
        }

        Assert.Matches(elapsed, fragment); // started 2 min 05 s before the first render
        Assert.Contains($"data-live-progress=\"{runPath}?handler=Progress\"", fragment);
        Assert.Contains($"data-live-progress=\"{integrationPath}?handler=Progress\"", integrationFragment);
        Assert.DoesNotContain("<html", fragment); // the block alone, no layout
        Assert.DoesNotContain("<html", integrationFragment);
        foreach (var html in (string[])[runPage, integrationPage])
        {
            Assert.Contains("<noscript><meta http-equiv=\"refresh\" content=\"2\" /></noscript>", html);
            Assert.True(html.Contains("<script src=\"/js/live-progress.js\" defer></script>", StringComparison.Ordinal), html[..html.IndexOf("</head>", StringComparison.Ordinal)]);
        }

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }

    [Fact]
    public async Task FinishedRun_RunPage_ShowsFinalProgressWithoutPolling()
    {
        await using var s = await SyncScenario.StartAsync(personioSize: 150);
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        await PageKit.SetLanguageAsync(s.App, s.Company.Id, CompanyLanguage.En);
        var browser = await PageKit.LoggedInAsync(s.App, s.Company.AdminEmail);
        var run = await s.SyncAsync();

        var html = await browser.HtmlAsync($"/companies/{s.Company.Id}/runs/{run.Id}");

        Assert.Contains("data-running=\"false\"", html);
        Assert.Contains(">run ended<", html);
        Assert.Contains("2 of 2 pages read", html);
        Assert.Contains($"{run.StepsPlanned} of {run.StepsPlanned} steps applied", html);
        Assert.Contains($"{run.PersonioRequests}, of which 0 answered “too many requests”", html);
        Assert.DoesNotContain("live-progress.js", html);
        Assert.DoesNotContain("http-equiv=\"refresh\"", html);
    }

    /// <summary>A run marked running, read up to page 3 of 7, started <paramref name="ago"/> ago: as another node would have written it.</summary>
    private static async Task<Guid> RunningAsync(SyncScenario s, TimeSpan ago)
    {
        var id = Guid.NewGuid();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime; // the app runs on the system clock here
        await s.App.WithDbAsync(async db =>
        {
            db.SyncRuns.Add(new SyncRun
            {
                Id = id, CompanyId = s.Company.Id, Trigger = SyncTrigger.Manual, State = RunState.Running, StartedAt = now - ago,
                Phase = RunPhase.Reading, PagesRead = 3, PagesTotal = 7, ProgressAt = now, PersonioRequests = 5,
            });
            return await db.SaveChangesAsync();
        });
        return id;
    }
}
