using Microsoft.Playwright;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Browser;

/// <summary>Every admin page under Rollcall's Content-Security-Policy in Chromium: nothing is refused (no inline script or style, no foreign source).</summary>
public sealed class CspBrowserTests
{
    [Fact]
    public async Task EveryAdminPage_NoCspViolationInTheConsole()
    {
        await using var app = RollcallApp.StartOnLoopback();
        var company = await app.CreateCompanyAsync("Policy GmbH");
        await using var browser = await BrowserSession.StartAsync(app.Url!, "csp");
        var page = browser.Page;
        var console = new List<string>();
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");

        await page.GotoAsync("/login");
        await page.GetByLabel("Email").FillAsync(company.AdminEmail);
        await page.GetByLabel("Password").FillAsync(RollcallApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync($"**/companies/{company.Id}");
        string[] pages =
        [
            $"/companies/{company.Id}", $"/companies/{company.Id}/trends?days=90", $"/companies/{company.Id}/users", $"/companies/{company.Id}/people", $"/companies/{company.Id}/integrations/personio",
            $"/companies/{company.Id}/integrations/personio/rules", $"/companies/{company.Id}/runs", $"/companies/{company.Id}/mail",
            "/account/two-factor", "/account/password",
        ];
        foreach (var path in pages)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Ok, $"{path}: {response.Status}");
            Assert.Contains("script-src 'self'", await response.HeaderValueAsync("content-security-policy") ?? "");
        }

        var violations = console.Where(m => m.Contains("Content Security Policy", StringComparison.Ordinal)).ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));

        // An inline script injected on purpose is refused and reported: the listener above would have heard a real one.
        var refused = await page.RunAndWaitForConsoleMessageAsync(
            () => page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1'; document.body.appendChild(s); }"),
            new() { Predicate = m => m.Text.Contains("Content Security Policy", StringComparison.Ordinal), Timeout = 30_000 });
        Assert.Contains("script-src 'self'", refused.Text);
        Assert.Null(await page.EvaluateAsync<int?>("() => window.injected ?? null"));
    }
}
