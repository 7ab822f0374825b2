using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Rollcall.Companies;
using Rollcall.Data.Access;
using Rollcall.Data.Companies;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Access;

public sealed class LoginTests
{
    [Fact]
    public async Task Login_WithOneTimePassword_MustChooseOwnPasswordBeforeAnythingElse()
    {
        await using var app = RollcallApp.Start();
        CompanySetup.CreatedCompany created;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            created = await scope.ServiceProvider.GetRequiredService<CompanySetup>().CreateAsync(
                new CompanySetup.NewCompany("Acme", "Europe/Berlin", CompanyLanguage.En, "new-admin@example.com", "Nina", "New"), CancellationToken.None);
        }

        var browser = app.BrowserClient();
        var login = await browser.LoginAsync("new-admin@example.com", created.OneTimePassword!);
        var home = await browser.GetAsync("/");
        var users = await browser.GetAsync($"/companies/{created.Company.Id}/users");
        var change = await browser.SubmitFormAsync("/account/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = created.OneTimePassword!, ["NewPassword"] = "a-much-better-Passw0rd",
        });
        var homeAfter = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/account/password", home.Headers.Location!.OriginalString);
        Assert.Equal("/account/password", users.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Equal($"/companies/{created.Company.Id}", homeAfter.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Login_WrongPasswordFiveTimes_LockedOutEvenWithTheRightOne()
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();
        var browser = app.BrowserClient();

        for (var i = 0; i < 5; i++)
        {
            var wrong = await browser.LoginAsync(company.AdminEmail, "wrong-password-123");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var right = await browser.LoginAsync(company.AdminEmail, RollcallApp.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync());
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        Assert.True(await accounts.IsLockedOutAsync((await accounts.FindByEmailAsync(company.AdminEmail))!));
    }

    [Fact]
    public async Task Login_RightPassword_SessionCookieIsSecureHttpOnlyStrict()
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();

        var response = await app.BrowserClient().LoginAsync(company.AdminEmail, RollcallApp.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("rollcall.session=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Login_PostWithoutAntiforgeryToken_400()
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();

        var response = await app.BrowserClient().PostAsync("/login",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = company.AdminEmail, ["Password"] = RollcallApp.Password }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
