using System.Net;
using Microsoft.EntityFrameworkCore;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Access;

/// <summary>
/// The whole OpenID Connect code flow (PKCE) against a real provider on loopback, redirects followed by hand with each
/// side's cookies: a verified email of an existing account signs in and links the login; anything else is refused.
/// </summary>
public sealed class OidcSignInTests
{
    [Fact]
    public async Task VerifiedEmailOfAnAccount_SignsIn_LinksTheLogin_NextTimeBySubject()
    {
        await using var idp = await TestIdentityProvider.StartAsync();
        await using var app = RollcallApp.Start(settings: idp.Settings());
        await idp.RegisterClientAsync(new Uri("https://localhost"));
        var company = await app.CreateCompanyAsync();
        idp.SignInAs(company.AdminEmail.ToUpperInvariant(), emailVerified: true, subject: "idp-subject-1");

        var (browser, landing) = await SignInThroughProviderAsync(app, $"/companies/{company.Id}/users");
        var html = await landing.Content.ReadAsStringAsync();
        var users = await browser.GetAsync($"/companies/{company.Id}/users");

        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Contains($"<meta http-equiv=\"refresh\" content=\"0;url=/companies/{company.Id}/users\" />", html);
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        var login = await app.WithDbAsync(db => db.UserLogins.AsNoTracking().SingleAsync());
        Assert.Equal(("oidc-test", "idp-subject-1", company.AdminAccountId), (login.LoginProvider, login.ProviderKey, login.UserId));
        var session = await app.WithDbAsync(db => db.AccountSessions.AsNoTracking().SingleAsync());
        Assert.Equal("oidc:oidc-test", session.SignInMethod);

        // Linked: the subject alone finds the account from now on, even if the provider's email changed since.
        idp.SignInAs("renamed@elsewhere.example", emailVerified: false, subject: "idp-subject-1");
        var (again, secondLanding) = await SignInThroughProviderAsync(app, "/");
        Assert.Equal(HttpStatusCode.OK, secondLanding.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync($"/companies/{company.Id}/users")).StatusCode);
    }

    [Fact]
    public async Task UnverifiedEmail_Refused_NothingLinked_NoSession()
    {
        await using var idp = await TestIdentityProvider.StartAsync();
        await using var app = RollcallApp.Start(settings: idp.Settings());
        await idp.RegisterClientAsync(new Uri("https://localhost"));
        var company = await app.CreateCompanyAsync();
        idp.SignInAs(company.AdminEmail, emailVerified: false);

        var (browser, landing) = await SignInThroughProviderAsync(app, "/");

        Assert.Equal(HttpStatusCode.Forbidden, landing.StatusCode);
        Assert.Contains("did not confirm your email address as verified", await landing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync($"/companies/{company.Id}/users")).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.UserLogins.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.AccountSessions.CountAsync()));
    }

    [Fact]
    public async Task UnknownEmail_Refused_NoAccountCreated()
    {
        await using var idp = await TestIdentityProvider.StartAsync();
        await using var app = RollcallApp.Start(settings: idp.Settings());
        await idp.RegisterClientAsync(new Uri("https://localhost"));
        await app.CreateCompanyAsync();
        var accountsBefore = await app.WithDbAsync(db => db.Users.CountAsync());
        idp.SignInAs("stranger@example.com", emailVerified: true);

        var (_, landing) = await SignInThroughProviderAsync(app, "/");

        Assert.Equal(HttpStatusCode.Forbidden, landing.StatusCode);
        Assert.Contains("There is no Rollcall account with the email address", await landing.Content.ReadAsStringAsync());
        Assert.Equal(accountsBefore, await app.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.UserLogins.CountAsync()));
    }

    [Fact]
    public async Task LoginPage_ButtonPerProvider_CspAllowsPostingToIt()
    {
        await using var idp = await TestIdentityProvider.StartAsync();
        var settings = idp.Settings("corp", "Corporate SSO");
        settings["Access:Oidc:Providers:google:Authority"] = "https://accounts.google.com";
        settings["Access:Oidc:Providers:google:ClientId"] = "google-client";
        await using var app = RollcallApp.Start(settings: settings);

        var login = await app.BrowserClient().GetAsync("/login");
        var html = await login.Content.ReadAsStringAsync();

        Assert.Contains(">Sign in with Corporate SSO</button>", html);
        Assert.Contains(">Sign in with google</button>", html);
        var csp = string.Join(",", login.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains($"form-action 'self' {idp.Authority.GetLeftPart(UriPartial.Authority)} https://accounts.google.com;", csp);
    }

    [Theory]
    [InlineData("--Access:Oidc:Providers:corp:Authority=http://idp.example.com/", "Access:Oidc:Providers:corp:Authority must be an absolute https URL")]
    [InlineData("--Access:Oidc:Providers:corp:Authority=not-a-url", "Access:Oidc:Providers:corp:Authority must be an absolute https URL")]
    [InlineData("--Access:Oidc:Providers:corp:ClientId=", "Access:Oidc:Providers:corp:ClientId is required")]
    [InlineData("--Access:Oidc:Providers:corp:EmailVerifiedClaim=", "EmailVerifiedClaim must name a claim")]
    public async Task BadProviderSettings_StopTheStartWithOneClearLine(string setting, string named)
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("rollcall-oidc-").FullName;
        try
        {
            var result = await RollcallProcess.RunAsync(folder,
                "--Access:Oidc:Providers:corp:Authority=https://idp.example.com/", "--Access:Oidc:Providers:corp:ClientId=rollcall", setting);

            Assert.Equal(2, result.ExitCode);
            var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("Rollcall cannot start:", line);
            Assert.Contains(named, line);
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// From Rollcall's login page through the provider and back: each hop's redirect followed by hand, Rollcall's cookies in
    /// its client, the provider reached over real HTTP. The answer is the page the callback lands on.
    /// </summary>
    private static async Task<(HttpClient Browser, HttpResponseMessage Landing)> SignInThroughProviderAsync(RollcallApp app, string returnUrl)
    {
        var browser = app.BrowserClient();
        using var toIdp = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
        var start = await browser.PostFormAsync($"/login?handler=External&provider=test&returnUrl={Uri.EscapeDataString(returnUrl)}", new Dictionary<string, string>());
        Assert.True(start.StatusCode == HttpStatusCode.Redirect, $"{(int)start.StatusCode}: {await start.Content.ReadAsStringAsync()}");
        var authorize = start.Headers.Location!;
        Assert.Contains("code_challenge_method=S256", authorize.Query);

        var back = await toIdp.GetAsync(authorize, TestContext.Current.CancellationToken);
        Assert.True(back.StatusCode == HttpStatusCode.Redirect, $"{(int)back.StatusCode}: {await back.Content.ReadAsStringAsync()}");
        Assert.StartsWith("https://localhost/signin-oidc-test?", back.Headers.Location!.ToString());

        var callback = await browser.GetAsync(back.Headers.Location);
        Assert.True(callback.StatusCode == HttpStatusCode.Redirect, $"{(int)callback.StatusCode}: {await callback.Content.ReadAsStringAsync()}");
        return (browser, await browser.GetAsync(callback.Headers.Location));
    }
}
