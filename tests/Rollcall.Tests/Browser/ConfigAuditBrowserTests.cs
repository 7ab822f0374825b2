using System.Net.Http.Json;
using Microsoft.Playwright;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Browser;

/// <summary>The configuration audit in Chromium, in the company's language: a change made on a page shows who made it, and the kind filter narrows the list.</summary>
public sealed class ConfigAuditBrowserTests
{
    [Theory]
    [InlineData("de", "Erlaubte E-Mail-Domains (durch Kommas getrennt; leer: alle)", "Speichern", "Konfigurationsänderungen", "Art", "Mail-Schutzregeln", "Filtern")]
    [InlineData("en", "Allowed email domains (comma-separated; empty: any)", "Save", "Configuration changes", "Kind", "Mail rails", "Filter")]
    public async Task MailRailsChangedOnAPage_AuditShowsTheAdminAndBeforeAfter_FilterByKind(
        string language, string domainsLabel, string save, string heading, string kindLabel, string railsKind, string filter)
    {
        await using var app = RollcallApp.StartOnLoopback();
        var company = await app.CreateCompanyAsync("Audit GmbH");
        var api = app.ApiClient(company.ApiKey);
        (await api.PutAsJsonAsync($"/api/companies/{company.Id}", new { language })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/companies/{company.Id}/api-keys", new { name = "export" })).EnsureSuccessStatusCode();
        await using var browser = await BrowserSession.StartAsync(app.Url!, $"config-audit-{language}");
        var page = browser.Page;
        await page.GotoAsync("/login");
        await page.GetByLabel("Email").FillAsync(company.AdminEmail);
        await page.GetByLabel("Password").FillAsync(RollcallApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync($"**/companies/{company.Id}");

        await page.GotoAsync($"/companies/{company.Id}/mail");
        await page.GetByLabel(domainsLabel).FillAsync("audit.example");
        await page.GetByRole(AriaRole.Button, new() { Name = save, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = heading }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading })).ToBeVisibleAsync();
        var railsRow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "mail_rails.changed" });
        await Assertions.Expect(railsRow).ToContainTextAsync(company.AdminEmail);
        await Assertions.Expect(railsRow).ToContainTextAsync("audit.example");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "api_key.issued" }).Filter(new() { HasText = "export (rk_" })).ToContainTextAsync("API");
        await browser.ScreenshotAsync("configuration-changes");

        await page.GetByLabel(kindLabel).SelectOptionAsync(new SelectOptionValue { Label = railsKind });
        await page.GetByRole(AriaRole.Button, new() { Name = filter, Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**kind=mail_rails**");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "mail_rails.changed" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "api_key.issued" })).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("configuration-changes-filtered");
    }
}
