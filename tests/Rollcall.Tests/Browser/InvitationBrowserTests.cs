using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rollcall.Data.Directory;
using Rollcall.Data.Outbox;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Browser;

/// <summary>
/// A new user's invitation in Chromium, in the inviting company's language (German): set a password and log in, the
/// used link, and an expired link that asks for a new one. The link comes from a real SMTP message; screenshots are
/// kept under artifacts/screenshots/invitation-accept/ and invitation-expired/.
/// </summary>
public sealed class InvitationBrowserTests
{
    private const string Email = "lena@example.test";
    private const string NewPassword = "lena-sets-her-own-password";

    [Fact]
    public async Task Invitation_SetPasswordInGerman_LogsIn_LinkThenUsedUp()
    {
        await using var smtp = SmtpSink.Start();
        await using var app = RollcallApp.StartOnLoopback(smtp.Settings());
        var (userId, token) = await InviteAsync(app, smtp);
        await using var browser = await BrowserSession.StartAsync(app.Url!, "invitation-accept", locale: "de-DE");
        var page = browser.Page;

        var opened = await page.GotoAsync($"/invitation/{token}");
        Assert.Equal(200, opened!.Status);
        Assert.Equal("de", await page.Locator("html").GetAttributeAsync("lang"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Willkommen bei Einladung GmbH");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"Hallo Pat, wählen Sie ein Passwort für {Email} (mindestens 12 Zeichen).");
        await browser.ScreenshotAsync("invitation");

        await page.GetByLabel("Passwort", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("Passwort wiederholen").FillAsync(NewPassword + "x");
        var mismatch = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Einladung annehmen" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, mismatch.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Die beiden Passwörter stimmen nicht überein.");
        Assert.Equal(UserStatus.Invited, (await UserAsync(app, userId)).Status);
        await browser.ScreenshotAsync("passwords-differ");

        await page.GetByLabel("Passwort", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("Passwort wiederholen").FillAsync(NewPassword);
        var accepted = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Einladung annehmen" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(200, accepted.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ihr Konto ist aktiv");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"Sie sind Einladung GmbH beigetreten. Melden Sie sich mit {Email} und Ihrem Passwort an.");
        var user = await UserAsync(app, userId);
        Assert.Equal(UserStatus.Active, user.Status);
        Assert.NotNull(user.AccountId);
        await browser.ScreenshotAsync("account-active");

        await page.GetByRole(AriaRole.Link, new() { Name = "Anmelden" }).ClickAsync();
        await page.WaitForURLAsync("**/login");
        await page.GetByLabel("E-Mail").FillAsync(Email);
        await page.GetByLabel("Passwort").FillAsync(NewPassword);
        await browser.ScreenshotAsync("login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ihr Konto ist aktiv");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Sie sind in keiner Firma Admin, daher gibt es hier nichts zu verwalten.");
        await Assertions.Expect(page.Locator("header")).ToContainTextAsync(Email);
        await browser.ScreenshotAsync("logged-in");

        var again = await page.GotoAsync($"/invitation/{token}");
        Assert.Equal(410, again!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dieser Link wurde bereits verwendet");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Die Einladung wurde angenommen. Melden Sie sich mit Ihrem Passwort an.");
        await Assertions.Expect(page.GetByLabel("Passwort", new() { Exact = true })).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("link-used");
    }

    [Fact]
    public async Task ExpiredInvitation_AskForANewLink_NewInvitationQueued_OldLinkReplaced()
    {
        await using var smtp = SmtpSink.Start();
        await using var app = RollcallApp.StartOnLoopback(smtp.Settings());
        var (userId, token) = await InviteAsync(app, smtp);
        var past = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await app.WithDbAsync(db => db.Invitations.Where(i => i.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, past)));
        await using var browser = await BrowserSession.StartAsync(app.Url!, "invitation-expired", locale: "de-DE");
        var page = browser.Page;

        var expired = await page.GotoAsync($"/invitation/{token}");
        Assert.Equal(410, expired!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dieser Link ist abgelaufen");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("die Einladung GmbH für Sie hinterlegt hat");
        await browser.ScreenshotAsync("link-expired");

        await page.GetByRole(AriaRole.Button, new() { Name = "Neuen Link an mich senden" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ein neuer Link ist unterwegs");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("die neueste E-Mail von Einladung GmbH");
        await browser.ScreenshotAsync("new-link-on-its-way");

        var invitations = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.UserId == userId && m.Kind == MessageKind.Invitation).OrderBy(m => m.CreatedAt).ToListAsync());
        Assert.Equal(new[] { MessageState.Sent, MessageState.Pending }, invitations.Select(m => m.State));
        var links = await app.WithDbAsync(db => db.Invitations.AsNoTracking().Where(i => i.UserId == userId).OrderBy(i => i.CreatedAt).ToListAsync());
        Assert.Equal(2, links.Count);
        Assert.NotNull(links[0].RevokedAt);
        Assert.NotNull(links[0].RenewalRequestedAt);
        Assert.Null(links[1].RevokedAt);
        Assert.True(links[1].ExpiresAt > links[1].CreatedAt.AddDays(1), "the new link should last days, not be born expired");
        Assert.Equal(invitations[1].InvitationId, links[1].Id);

        var old = await page.GotoAsync($"/invitation/{token}");
        Assert.Equal(410, old!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dieser Link wurde ersetzt");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Neuen Link an mich senden" })).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("old-link-replaced");
    }

    /// <summary>A hand-made user, whose invitation goes out through SMTP; the token from the message's link.</summary>
    private static async Task<(Guid UserId, string Token)> InviteAsync(RollcallApp app, SmtpSink smtp)
    {
        var company = await app.CreateCompanyAsync("Einladung GmbH");
        var userId = (await MailTesting.CreateUsersAsync(app.ApiClient(company.ApiKey), company.Id, Email)).Single();
        await MailTesting.DispatchAsync(app);
        var message = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal(Email, MailTesting.To(message));
        return (userId, MailTesting.TokenOf(MailTesting.LinkIn(message)));
    }

    private static Task<DirectoryUser> UserAsync(RollcallApp app, Guid userId) =>
        app.WithDbAsync(db => db.DirectoryUsers.AsNoTracking().SingleAsync(u => u.Id == userId));
}
