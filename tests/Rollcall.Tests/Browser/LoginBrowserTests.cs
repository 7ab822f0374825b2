using Microsoft.Playwright;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Browser;

/// <summary>Real Chromium against Rollcall on a loopback port.</summary>
public sealed class LoginBrowserTests
{
    [Fact]
    public async Task Login_WrongThenRightPassword_ErrorThenTheCompanysUsers()
    {
        await using var app = RollcallApp.StartOnLoopback();
        var company = await app.CreateCompanyAsync("Browser GmbH");
        await using var browser = await BrowserSession.StartAsync(app.Url!, "login");
        var page = browser.Page;

        await page.GotoAsync($"/companies/{company.Id}/users");
        Assert.EndsWith($"/login?ReturnUrl=%2Fcompanies%2F{company.Id}%2Fusers", page.Url);
        await page.GetByLabel("Email").FillAsync(company.AdminEmail);
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong email or password");
        await browser.ScreenshotAsync("login-wrong-password");

        await page.GetByLabel("Password").FillAsync(RollcallApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync($"**/companies/{company.Id}/users");
        await browser.ScreenshotAsync("users");

        Assert.Contains(company.AdminEmail, await page.ContentAsync());
    }
}
