using Microsoft.Playwright;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Browser;

/// <summary>Sign-in through a real OpenID Connect provider on loopback, in Chromium, German and English; an unverified email is refused.</summary>
public sealed class OidcBrowserTests
{
    [Theory]
    [InlineData("en-US", "Sign in with Test IdP", "did not confirm your email address as verified")]
    [InlineData("de-DE", "Mit Test IdP anmelden", "nicht als bestätigt ausgewiesen")]
    public async Task SignInThroughProvider_InChromium_UnverifiedRefusedVerifiedIn(string locale, string button, string refused)
    {
        await using var idp = await TestIdentityProvider.StartAsync();
        await using var app = RollcallApp.StartOnLoopback(idp.Settings());
        await idp.RegisterClientAsync(app.Url!);
        var company = await app.CreateCompanyAsync("SSO GmbH");
        await using var browser = await BrowserSession.StartAsync(app.Url!, $"oidc-{locale}", locale);
        var page = browser.Page;

        idp.SignInAs(company.AdminEmail, emailVerified: false);
        await page.GotoAsync($"/companies/{company.Id}/users");
        await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(refused);
        await browser.ScreenshotAsync("unverified-refused");

        idp.SignInAs(company.AdminEmail, emailVerified: true);
        await page.GotoAsync($"/companies/{company.Id}/users");
        await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await page.WaitForURLAsync($"**/companies/{company.Id}/users");
        await Assertions.Expect(page.Locator("header")).ToContainTextAsync(company.AdminEmail);
        await browser.ScreenshotAsync("signed-in");
    }
}
