using System.Net;
using Microsoft.EntityFrameworkCore;
using Rollcall.Tests.Infrastructure;
using Rollcall.Tests.Pages;

namespace Rollcall.Tests.Access;

/// <summary>TOTP two-factor over HTTP: enrolment with a code, sign-in asks for the code (or a recovery code), disable needs a code.</summary>
public sealed class TwoFactorTests
{
    [Fact]
    public async Task Enrol_WrongCodeRefused_RightCodeEnables_RecoveryCodesShownOnce_Audited_OtherSessionsEnded()
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();
        var browser = await PageKit.LoggedInAsync(app, company.AdminEmail);
        var otherBrowser = await PageKit.LoggedInAsync(app, company.AdminEmail);
        var page = await browser.HtmlAsync("/account/two-factor");
        var key = System.Text.RegularExpressions.Regex.Match(page, "<code class=\"shared-key\">([a-z0-9 ]+)</code>").Groups[1].Value;

        var wrong = await browser.PostFormAsync("/account/two-factor?handler=Enable",
            new Dictionary<string, string> { ["Code"] = Totp.WrongCode(key, TimeProvider.System.GetUtcNow()) }, "/account/two-factor");
        var (_, codes) = await AccessKit.EnrolAsync(browser);
        var later = await browser.HtmlAsync("/account/two-factor");

        Assert.Contains("<img class=\"qr\" src=\"data:image/png;base64,", page);
        Assert.Contains("otpauth://totp/Rollcall", page);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(10, codes.Count);
        Assert.Contains("Recovery codes left: 10", later.Replace("Verbleibende Wiederherstellungscodes", "Recovery codes left", StringComparison.Ordinal));
        Assert.DoesNotContain(codes[0], later);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/companies/{company.Id}/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await otherBrowser.GetAsync($"/companies/{company.Id}/users")).StatusCode);
        var audit = await app.WithDbAsync(db => db.ConfigurationChanges.AsNoTracking().Where(c => c.CompanyId == company.Id && c.Action.StartsWith("two_factor.")).ToListAsync());
        var enabled = Assert.Single(audit);
        Assert.Equal(("two_factor.enabled", "admin", company.AdminAccountId.ToString()), (enabled.Action, enabled.ActorKind, enabled.ActorId));
    }

    [Fact]
    public async Task SignIn_WithTwoFactor_PasswordAloneIsNotEnough_WrongCodeRefused_RightCodeSignsIn()
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();
        var key = await AccessKit.EnableTwoFactorAsync(app, company.AdminEmail);
        var browser = app.BrowserClient();
        var users = $"/companies/{company.Id}/users";

        var password = await browser.LoginAsync(company.AdminEmail, RollcallApp.Password);
        var meanwhile = await browser.GetAsync(users);
        var wrong = await browser.SubmitFormAsync("/login/two-factor", new Dictionary<string, string> { ["Code"] = Totp.WrongCode(key, TimeProvider.System.GetUtcNow()) });
        var right = await browser.SubmitFormAsync("/login/two-factor", new Dictionary<string, string> { ["Code"] = Totp.Code(key, TimeProvider.System.GetUtcNow()) });

        Assert.Equal("/login/two-factor", password.Headers.Location!.OriginalString);
        Assert.DoesNotContain("rollcall.session=", string.Join(";", password.Headers.GetValues("Set-Cookie")));
        Assert.Equal(HttpStatusCode.Redirect, meanwhile.StatusCode);
        Assert.StartsWith("https://localhost/login", meanwhile.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(users)).StatusCode);
        var session = await app.WithDbAsync(db => db.AccountSessions.AsNoTracking().SingleAsync());
        Assert.Equal("password+totp", session.SignInMethod);
    }

    [Fact]
    public async Task SignIn_RecoveryCode_WorksOnce()
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();
        var (_, codes) = await AccessKit.EnrolAsync(await PageKit.LoggedInAsync(app, company.AdminEmail));

        var first = app.BrowserClient();
        await first.LoginAsync(company.AdminEmail, RollcallApp.Password);
        var used = await first.SubmitFormAsync("/login/two-factor", new Dictionary<string, string> { ["RecoveryCode"] = codes[3] });
        var second = app.BrowserClient();
        await second.LoginAsync(company.AdminEmail, RollcallApp.Password);
        var again = await second.SubmitFormAsync("/login/two-factor", new Dictionary<string, string> { ["RecoveryCode"] = codes[3] });

        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task Disable_NeedsAValidCode_ThenOff_Audited()
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();
        var browser = await PageKit.LoggedInAsync(app, company.AdminEmail);
        var (key, _) = await AccessKit.EnrolAsync(browser);

        var wrong = await browser.PostAsync("/account/two-factor", "Disable", new Dictionary<string, string> { ["Code"] = Totp.WrongCode(key, TimeProvider.System.GetUtcNow()) });
        var stillOn = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(a => a.Email == company.AdminEmail));
        var right = await browser.PostAsync("/account/two-factor", "Disable", new Dictionary<string, string> { ["Code"] = Totp.Code(key, TimeProvider.System.GetUtcNow()) });
        var off = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(a => a.Email == company.AdminEmail));

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True(stillOn.TwoFactorEnabled);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.False(off.TwoFactorEnabled);
        var actions = await app.WithDbAsync(db => db.ConfigurationChanges.AsNoTracking().Where(c => c.CompanyId == company.Id && c.Action.StartsWith("two_factor.")).OrderBy(c => c.At).Select(c => c.Action).ToListAsync());
        Assert.Equal(["two_factor.enabled", "two_factor.disabled"], actions);
        Assert.Equal("/", (await app.BrowserClient().LoginAsync(company.AdminEmail, RollcallApp.Password)).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task RequireTwoFactor_PasswordSignInWithout_SentToEnrolmentFirst_ThenIn_CannotTurnOff()
    {
        await using var app = RollcallApp.Start(settings: new Dictionary<string, string?> { ["Access:RequireTwoFactor"] = "true" });
        var company = await app.CreateCompanyAsync();
        var browser = await PageKit.LoggedInAsync(app, company.AdminEmail);
        var users = $"/companies/{company.Id}/users";

        var before = await browser.GetAsync(users);
        var home = await browser.GetAsync("/");
        var (key, _) = await AccessKit.EnrolAsync(browser);
        var after = await browser.GetAsync(users);
        var disable = await browser.PostAsync("/account/two-factor", "Disable", new Dictionary<string, string> { ["Code"] = Totp.Code(key, TimeProvider.System.GetUtcNow()) });

        Assert.Equal("/account/two-factor", before.Headers.Location!.OriginalString);
        Assert.Equal("/account/two-factor", home.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, disable.StatusCode);
    }
}
