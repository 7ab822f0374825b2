using Microsoft.Playwright;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Browser;

/// <summary>TOTP in Chromium, German and English: enrol (QR code and key), recovery codes shown, sign out, sign in with password and code.</summary>
public sealed class TwoFactorBrowserTests
{
    public sealed record Words(string Locale, string Email, string Password, string LogIn, string LogOut, string Code, string TurnOn, string RecoveryCodes, string Verify);

    public static TheoryData<Words> Languages =>
    [
        new Words("en-US", "Email", "Password", "Log in", "Log out", "Code from your authenticator app", "Turn on two-factor authentication", "Recovery codes", "Verify"),
        new Words("de-DE", "E-Mail", "Passwort", "Anmelden", "Abmelden", "Code aus Ihrer Authenticator-App", "Zwei-Faktor-Authentifizierung einschalten", "Wiederherstellungscodes", "Bestätigen"),
    ];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task EnrolThenSignInWithCode_InChromium(Words w)
    {
        await using var app = RollcallApp.StartOnLoopback();
        var company = await app.CreateCompanyAsync("Zwei Faktor GmbH");
        await using var browser = await BrowserSession.StartAsync(app.Url!, $"two-factor-{w.Locale}", w.Locale);
        var page = browser.Page;

        await page.GotoAsync("/login");
        await page.GetByLabel(w.Email).FillAsync(company.AdminEmail);
        await page.GetByLabel(w.Password, new() { Exact = true }).FillAsync(RollcallApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = w.LogIn }).ClickAsync();
        await page.WaitForURLAsync($"**/companies/{company.Id}");

        await page.GotoAsync("/account/two-factor");
        await Assertions.Expect(page.Locator("img.qr")).ToBeVisibleAsync();
        var key = await page.Locator("code.shared-key").InnerTextAsync();
        await browser.ScreenshotAsync("enrol");
        await page.GetByLabel(w.Code).FillAsync(Totp.Code(key, TimeProvider.System.GetUtcNow()));
        await page.GetByRole(AriaRole.Button, new() { Name = w.TurnOn }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = w.RecoveryCodes })).ToBeVisibleAsync();
        Assert.Equal(10, await page.Locator("ul.codes li").CountAsync());
        await browser.ScreenshotAsync("recovery-codes");

        await page.GetByRole(AriaRole.Button, new() { Name = w.LogOut }).ClickAsync();
        await page.WaitForURLAsync("**/login");
        await page.GetByLabel(w.Email).FillAsync(company.AdminEmail);
        await page.GetByLabel(w.Password, new() { Exact = true }).FillAsync(RollcallApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = w.LogIn }).ClickAsync();
        await page.WaitForURLAsync("**/login/two-factor");
        await browser.ScreenshotAsync("code-asked");
        await page.GetByLabel(w.Code).FillAsync(Totp.Code(key, TimeProvider.System.GetUtcNow()));
        await page.GetByRole(AriaRole.Button, new() { Name = w.Verify }).ClickAsync();
        try
        {
            await page.WaitForURLAsync($"**/companies/{company.Id}");
        }
        catch (TimeoutException)
        {
            // Say where the browser stayed and what the page said, not only that a navigation did not come.
            await browser.ScreenshotAsync("verify-stayed");
            Assert.Fail($"After Verify the browser stayed at {new Uri(page.Url).AbsolutePath}: {string.Join(" ", await page.Locator("main").AllInnerTextsAsync())}");
        }

        await browser.ScreenshotAsync("signed-in");
    }
}
