using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Browser;

/// <summary>
/// The product's promise in a real browser: an admin connects Personio (wrong credentials first), maps attributes,
/// previews, syncs, sees the new users with masked IBANs and the run's detail, issues a webhook token (shown once) and
/// sees the last event, revokes it, and disconnects. Screenshots of each
/// page are kept under artifacts/screenshots/personio-flow/.
/// </summary>
public sealed partial class PersonioFlowBrowserTests
{
    [Fact]
    public async Task ConnectMapPreviewSyncAndDisconnect_InChromium_EveryStepVisible()
    {
        await using var sandbox = SandboxServer.Start();
        var personio = await sandbox.CreateCompanyAsync(40, seed: 5);
        await using var app = RollcallApp.StartOnLoopback(new Dictionary<string, string?>
        {
            ["Personio:BaseUrl"] = sandbox.BaseUrl.ToString(),
            ["Personio:RetryBaseDelay"] = "00:00:00.050",
            ["Sync:ScheduleNightlyRuns"] = "false",
        });
        var company = await app.CreateCompanyAsync("Flow GmbH");
        await app.ApiClient(company.ApiKey).PutAsJsonAsync($"/api/companies/{company.Id}", new { language = "en" });
        await using var browser = await BrowserSession.StartAsync(app.Url!, "personio-flow");
        var page = browser.Page;
        page.Dialog += (_, dialog) => dialog.AcceptAsync(); // the confirmation before revoking and disconnecting

        await page.GotoAsync("/login");
        await page.GetByLabel("Email").FillAsync(company.AdminEmail);
        await page.GetByLabel("Password").FillAsync(RollcallApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync($"**/companies/{company.Id}/users");
        await browser.ScreenshotAsync("logged-in");

        await page.GetByRole(AriaRole.Link, new() { Name = "Integrations › Personio" }).ClickAsync();
        await browser.ScreenshotAsync("not-connected");
        await page.GetByLabel("Client ID").FillAsync(personio.ClientId);
        await page.GetByLabel("Client Secret").FillAsync("papi-not-the-secret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("rejected");
        Assert.DoesNotContain("papi-not-the-secret", await page.ContentAsync());
        await browser.ScreenshotAsync("wrong-credentials");

        await page.GetByLabel("Client Secret").FillAsync(personio.Secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sync now" })).ToBeVisibleAsync();
        Assert.DoesNotContain(personio.Secret, await page.ContentAsync());
        await browser.ScreenshotAsync("connected");

        await page.Locator("select[name='Mapping.IbanAttribute']").SelectOptionAsync("dynamic_30101");
        await page.Locator("select[name='Mapping.PersonnelNumberAttribute']").SelectOptionAsync("dynamic_30102");
        await page.Locator("select[name='Mapping.CreditorNumberAttribute']").SelectOptionAsync("dynamic_30103");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save mapping" }).ClickAsync();
        await Assertions.Expect(page.Locator("select[name='Mapping.IbanAttribute']")).ToHaveValueAsync("dynamic_30101");
        await browser.ScreenshotAsync("mapped");

        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await page.WaitForURLAsync("**/runs/*");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("previewed", new() { Timeout = 30_000 });
        await browser.ScreenshotAsync("preview");

        await page.GetByRole(AriaRole.Link, new() { Name = "Integrations › Personio" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sync now" }).ClickAsync();
        await page.WaitForURLAsync("**/runs/*");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("succeeded", new() { Timeout = 30_000 });
        var runUrl = page.Url;
        await browser.ScreenshotAsync("sync-run");

        await page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
        var users = await page.ContentAsync();
        Assert.Contains("Personio", users);
        Assert.Matches(MaskedIban(), users);
        Assert.DoesNotMatch(FullIban(), users);
        await browser.ScreenshotAsync("users");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sync history" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("succeeded");
        await browser.ScreenshotAsync("history");
        await page.GotoAsync(runUrl);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("create");
        await browser.ScreenshotAsync("run-detail");

        await page.GetByRole(AriaRole.Link, new() { Name = "Integrations › Personio" }).ClickAsync();
        var webhooks = page.Locator("#webhooks");
        await Assertions.Expect(webhooks).ToContainTextAsync("off (no token issued)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue token" }).ClickAsync();
        var token = await page.Locator("[data-webhook-token]").InnerTextAsync();
        Assert.StartsWith("Bearer ", token);
        await Assertions.Expect(webhooks).ToContainTextAsync("to be set up by hand in Personio");
        await Assertions.Expect(webhooks).ToContainTextAsync($"{app.Url!.Scheme}://"); // not https: the manual setup is explained
        await browser.ScreenshotAsync("webhook-token");
        using (var delivery = new HttpRequestMessage(HttpMethod.Post, $"/hooks/personio/{company.Id}")
               { Content = JsonContent.Create(new { event_name = "person.updated", occurred_at = "2026-06-15T10:00:00Z", payload = new { id = "1" } }) })
        {
            delivery.Headers.TryAddWithoutValidation("Authorization", token);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, (await app.ApiClient(null).SendAsync(delivery)).StatusCode);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Integrations › Personio" }).ClickAsync();
        await Assertions.Expect(webhooks).ToContainTextAsync("Europe/Berlin");
        await Assertions.Expect(page.Locator("[data-webhook-token]")).ToHaveCountAsync(0);
        await page.GetByText("Revoke token…").ClickAsync();
        await page.GetByLabel("Yes, refuse Personio's webhook deliveries").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke token", Exact = true }).ClickAsync();
        await Assertions.Expect(webhooks).ToContainTextAsync("off (no token issued)");
        await browser.ScreenshotAsync("webhook-revoked");

        await page.GetByRole(AriaRole.Button, new() { Name = "Disconnect Personio" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connect Personio" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync("disconnected");
    }

    [GeneratedRegex(@"[A-Z]{2}\d{2} •••• •••• •••• \d{4}")]
    private static partial Regex MaskedIban();

    [GeneratedRegex(@"DE\d{20}")]
    private static partial Regex FullIban();
}
