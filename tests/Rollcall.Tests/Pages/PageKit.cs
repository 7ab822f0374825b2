using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Companies;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Pages;

/// <summary>What the page tests share: a logged-in browser, posting to a page handler, waiting for a queued run.</summary>
internal static partial class PageKit
{
    public static async Task<HttpClient> LoggedInAsync(RollcallApp app, string email)
    {
        var browser = app.BrowserClient();
        var login = await browser.LoginAsync(email, RollcallApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return browser;
    }

    public static Task SetLanguageAsync(RollcallApp app, Guid companyId, CompanyLanguage language) =>
        app.WithDbAsync(db => db.Companies.Where(c => c.Id == companyId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Language, language)));

    /// <summary>Posts a form of <paramref name="path"/> to one of its handlers, with the antiforgery token the page rendered.</summary>
    public static async Task<HttpResponseMessage> PostAsync(this HttpClient browser, string path, string handler, IDictionary<string, string>? fields = null)
    {
        var page = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = Token().Match(await page.Content.ReadAsStringAsync());
        Assert.True(token.Success, $"No antiforgery token on {path}");
        var form = new Dictionary<string, string>(fields ?? new Dictionary<string, string>()) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await browser.PostAsync($"{path}?handler={handler}", new FormUrlEncodedContent(form));
    }

    public static async Task<string> HtmlAsync(this HttpClient browser, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await browser.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path}: {(int)response.StatusCode}\n{html}");
        return WebUtility.HtmlDecode(html);
    }

    /// <summary>A "Sync now" run executes on Quartz in the background; waits until it has finished.</summary>
    public static async Task<SyncRun> FinishedRunAsync(RollcallApp app, Guid runId)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var run = await app.WithDbAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == runId));
            if (run.State != RunState.Running)
            {
                return run;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Run {runId} is still running.");
    }

    public static Guid RunIdOf(HttpResponseMessage redirect)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        return Guid.Parse(redirect.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
