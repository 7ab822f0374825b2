using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Access;

/// <summary>Sessions live on the server: sign-out, the absolute lifetime and a password change end them, whatever the cookie says.</summary>
public sealed class SessionTests
{
    [Fact]
    public async Task Session_CookieReplayedAfterSignOut_SentToLogin()
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();
        var browser = app.BrowserClient();
        var login = await browser.LoginAsync(company.AdminEmail, RollcallApp.Password);
        var stolen = AccessKit.SessionCookieOf(login);
        var users = $"/companies/{company.Id}/users";

        var before = await AccessKit.ReplayAsync(app, users, stolen);
        var logout = await browser.PostFormAsync("/logout", new Dictionary<string, string>(), users);
        var after = await AccessKit.ReplayAsync(app, users, stolen);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("https://localhost/login", after.Headers.Location!.ToString());
        var session = await app.WithDbAsync(db => db.AccountSessions.AsNoTracking().SingleAsync());
        Assert.NotNull(session.EndedAt);
        Assert.Equal("password", session.SignInMethod);
    }

    [Fact]
    public async Task Session_PastItsAbsoluteLifetime_SentToLoginThoughActiveAllAlong()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        await using var app = RollcallApp.Start(clock: clock, settings: new Dictionary<string, string?> { ["Access:SessionLifetime"] = "02:00:00" });
        var company = await app.CreateCompanyAsync();
        var browser = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync(company.AdminEmail, RollcallApp.Password)).StatusCode);
        var users = $"/companies/{company.Id}/users";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) // active every 25 minutes: 0:00 … 1:40
        {
            statuses.Add((await browser.GetAsync(users)).StatusCode);
            clock.Advance(TimeSpan.FromMinutes(25));
        }

        var late = await browser.GetAsync(users); // 2:05

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        Assert.StartsWith("https://localhost/login", late.Headers.Location!.ToString());
    }

    [Fact]
    public async Task PasswordChange_EndsTheAccountsOtherSessions_KeepsThisOne()
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();
        var laptop = await Pages.PageKit.LoggedInAsync(app, company.AdminEmail);
        var phone = await Pages.PageKit.LoggedInAsync(app, company.AdminEmail);
        var users = $"/companies/{company.Id}/users";
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync(users)).StatusCode);

        var changed = await laptop.SubmitFormAsync("/account/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = RollcallApp.Password, ["NewPassword"] = "an-entirely-new-password-7",
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync(users)).StatusCode);
        var phoneAfter = await phone.GetAsync(users);
        Assert.Equal(HttpStatusCode.Redirect, phoneAfter.StatusCode);
        Assert.StartsWith("https://localhost/login", phoneAfter.Headers.Location!.ToString());
    }
}
