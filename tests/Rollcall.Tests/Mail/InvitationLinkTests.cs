using System.Net;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Directory;
using Rollcall.Data.Outbox;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Mail;

/// <summary>Invitation links over HTTP: accept once, expire, ask for a new one, and die when an admin resends.</summary>
public sealed class InvitationLinkTests
{
    [Fact]
    public async Task Accept_SetsThePassword_UserActive_LinkUsedUp_PersonCanLogIn()
    {
        await using var invited = await Invited.StartAsync("lena@example.test");
        var (smtp, app, company, userId, token) = (invited.Smtp, invited.App, invited.Company, invited.UserId, invited.Token);
        var browser = app.BrowserClient();

        var page = await browser.GetAsync($"/invitation/{token}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Acme GmbH", html);
        Assert.Contains("lena@example.test", html);
        Assert.Contains("<html lang=\"de\"", html); // the inviting company's language

        var mismatch = await browser.SubmitFormAsync($"/invitation/{token}", Passwords(RollcallApp.Password, RollcallApp.Password + "x"));
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        var tooShort = await browser.SubmitFormAsync($"/invitation/{token}", Passwords("short", "short"));
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Equal(UserStatus.Invited, (await UserAsync(app, userId)).Status);

        var accepted = await browser.SubmitFormAsync($"/invitation/{token}", Passwords(RollcallApp.Password, RollcallApp.Password));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("href=\"/login\"", await accepted.Content.ReadAsStringAsync());
        var user = await UserAsync(app, userId);
        Assert.Equal(UserStatus.Active, user.Status);
        Assert.NotNull(user.AcceptedAt);
        Assert.NotNull(user.AccountId);
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.UserId == userId).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal("invitation accepted", audit.Last().CauseName);

        Assert.Equal(HttpStatusCode.Gone, (await browser.GetAsync($"/invitation/{token}")).StatusCode);
        var again = await browser.PostFormAsync($"/invitation/{token}", Passwords("another-password-123", "another-password-123"));
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);

        var login = await app.BrowserClient().LoginAsync("lena@example.test", RollcallApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }

    [Fact]
    public async Task ExpiredLink_ClearPage_NewLinkOnceToTheAddressOnRecord_OldLinkReplaced()
    {
        await using var invited = await Invited.StartAsync("lena@example.test");
        var (smtp, app, company, userId, old) = (invited.Smtp, invited.App, invited.Company, invited.UserId, invited.Token);
        await app.WithDbAsync(db => db.Invitations.ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc))));
        var browser = app.BrowserClient();

        var expired = await browser.GetAsync($"/invitation/{old}");
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("handler=NewLink", await expired.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Gone, (await browser.PostFormAsync($"/invitation/{old}", Passwords(RollcallApp.Password, RollcallApp.Password))).StatusCode);

        var renewed = await browser.PostFormAsync($"/invitation/{old}?handler=NewLink", new Dictionary<string, string>());
        var twice = await browser.PostFormAsync($"/invitation/{old}?handler=NewLink", new Dictionary<string, string>());
        Assert.Equal((HttpStatusCode.Gone, HttpStatusCode.Gone), (renewed.StatusCode, twice.StatusCode));
        await MailTesting.DispatchAsync(app);

        Assert.Equal(2, smtp.Messages.Count); // the first link and exactly one renewal: pressed again, the old link is already replaced
        Assert.Equal("lena@example.test", MailTesting.To(smtp.Messages[1]));
        var fresh = MailTesting.TokenOf(MailTesting.LinkIn(smtp.Messages[1]));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/invitation/{fresh}")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await browser.GetAsync($"/invitation/{old}")).StatusCode);
        Assert.Equal(UserStatus.Invited, (await UserAsync(app, userId)).Status);
    }

    [Fact]
    public async Task AdminResends_OldLinkDies_UnsentOldMessageCancelled_NewLinkWorks_OnlyForInvitedUsers()
    {
        await using var invited = await Invited.StartAsync("lena@example.test");
        var (smtp, app, company, userId, first) = (invited.Smtp, invited.App, invited.Company, invited.UserId, invited.Token);
        var api = app.ApiClient(company.ApiKey);

        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync($"/api/companies/{company.Id}/users/{userId}/invitation", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync($"/api/companies/{company.Id}/users/{userId}/invitation", null)).StatusCode);
        await MailTesting.DispatchAsync(app);

        // The second resend replaced the first before it went out: that one was cancelled, not sent with a dead link.
        Assert.Equal(2, smtp.Messages.Count);
        var messages = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.UserId == userId).OrderBy(m => m.CreatedAt).ToListAsync());
        Assert.Equal([MessageState.Sent, MessageState.Cancelled, MessageState.Sent], messages.Select(m => m.State));
        var latest = MailTesting.TokenOf(MailTesting.LinkIn(smtp.Messages[1]));
        var browser = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Gone, (await browser.GetAsync($"/invitation/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/invitation/{latest}")).StatusCode);
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().CountAsync(a => a.UserId == userId && a.Action == "user.invitation_resent"));
        Assert.Equal(2, audit);

        Assert.Equal(HttpStatusCode.OK, (await browser.SubmitFormAsync($"/invitation/{latest}", Passwords(RollcallApp.Password, RollcallApp.Password))).StatusCode);
        var afterAccept = await api.PostAsync($"/api/companies/{company.Id}/users/{userId}/invitation", null);
        Assert.Equal("not_invited", await afterAccept.ProblemCodeAsync(HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task ResendFromTheUserPage_QueuesANewInvitation()
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();
        var userId = (await MailTesting.CreateUsersAsync(app.ApiClient(company.ApiKey), company.Id, "lena@example.test")).Single();
        var browser = app.BrowserClient();
        await browser.LoginAsync(company.AdminEmail, RollcallApp.Password);

        var resent = await browser.PostFormAsync($"/companies/{company.Id}/users/{userId}?handler=ResendInvitation", new Dictionary<string, string>(),
            tokenFrom: $"/companies/{company.Id}/users/{userId}");

        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Contains("role=\"status\"", await resent.Content.ReadAsStringAsync());
        var states = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.UserId == userId).OrderBy(m => m.CreatedAt).Select(m => m.State).ToListAsync());
        Assert.Equal([MessageState.Cancelled, MessageState.Pending], states); // the unsent first one is replaced
    }

    [Fact]
    public async Task UnknownOrWithdrawnLink_ClearPages()
    {
        await using var invited = await Invited.StartAsync("lena@example.test");
        var (smtp, app, company, userId, token) = (invited.Smtp, invited.App, invited.Company, invited.UserId, invited.Token);
        var api = app.ApiClient(company.ApiKey);
        var browser = app.BrowserClient();

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/invitation/not-a-real-token")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/companies/{company.Id}/users/{userId}/deactivate", null)).StatusCode);
        var withdrawn = await browser.GetAsync($"/invitation/{token}");
        Assert.Equal(HttpStatusCode.Gone, withdrawn.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await browser.PostFormAsync($"/invitation/{token}", Passwords(RollcallApp.Password, RollcallApp.Password))).StatusCode);
        Assert.Equal(UserStatus.Deactivated, (await UserAsync(app, userId)).Status);
    }

    [Fact]
    public async Task AddressChangedByTheAdmin_OldLinkDies_NewAddressGetsItsOwn()
    {
        await using var invited = await Invited.StartAsync("lena@typo.example");
        var (smtp, app, company, userId, old) = (invited.Smtp, invited.App, invited.Company, invited.UserId, invited.Token);
        var api = app.ApiClient(company.ApiKey);

        Assert.Equal(HttpStatusCode.OK, (await api.PatchJsonAsync($"/api/companies/{company.Id}/users/{userId}", new { email = "lena@example.test" })).StatusCode);
        await MailTesting.DispatchAsync(app);

        Assert.Equal(["lena@typo.example", "lena@example.test"], smtp.Messages.Select(MailTesting.To));
        var browser = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Gone, (await browser.GetAsync($"/invitation/{old}")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await browser.PostFormAsync($"/invitation/{old}", Passwords(RollcallApp.Password, RollcallApp.Password))).StatusCode);
        var fresh = MailTesting.TokenOf(MailTesting.LinkIn(smtp.Messages[1]));
        Assert.Equal(HttpStatusCode.OK, (await browser.SubmitFormAsync($"/invitation/{fresh}", Passwords(RollcallApp.Password, RollcallApp.Password))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.BrowserClient().LoginAsync("lena@example.test", RollcallApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.BrowserClient().LoginAsync("lena@typo.example", RollcallApp.Password)).StatusCode);
    }

    [Fact]
    public async Task AddressChangedInPersonio_TheNextRunInvitesTheNewAddress_OldLinkDies()
    {
        await using var smtp = SmtpSink.Start();
        await using var s = await SyncScenario.StartAsync(settings: smtp.Settings());
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        var anna = await s.HireAsync("Anna", "Schmidt", email: "anna@old.example");
        await s.SyncAsync();
        await s.PersonioAsync(HttpMethod.Put, $"/{anna}/email", new { email = "anna@new.example" });
        await s.SyncAsync(); // before the first invitation went out: it is cancelled, not sent to the old address
        await MailTesting.DispatchAsync(s.App);

        Assert.Equal(["anna@new.example"], smtp.Messages.Select(MailTesting.To));
        var states = (await s.MessagesAsync(MessageKind.Invitation)).OrderBy(m => m.CreatedAt).Select(m => (m.State, m.LastError)).ToList();
        Assert.Equal([(MessageState.Cancelled, "The user's address changed; the invitation goes to the new one."), (MessageState.Sent, null)], states);
        var token = MailTesting.TokenOf(MailTesting.LinkIn(smtp.Messages[0]));
        Assert.Equal(HttpStatusCode.OK, (await s.App.BrowserClient().GetAsync($"/invitation/{token}")).StatusCode);
        Assert.All(await s.App.WithDbAsync(db => db.Invitations.AsNoTracking().ToListAsync()), i => Assert.Null(i.ProtectedToken)); // sent or cancelled: no token kept
    }

    [Fact]
    public async Task AddressAlreadyHasALogin_OnlyItsOwnerSignedInCanAccept()
    {
        await using var smtp = SmtpSink.Start();
        await using var app = RollcallApp.Start(settings: smtp.Settings());
        var acme = await app.CreateCompanyAsync("Acme GmbH");
        var globex = await app.CreateCompanyAsync("Globex GmbH");
        var userId = (await MailTesting.CreateUsersAsync(app.ApiClient(globex.ApiKey), globex.Id, acme.AdminEmail)).Single();
        await MailTesting.DispatchAsync(app);
        var token = MailTesting.TokenOf(MailTesting.LinkIn(smtp.Messages.Single()));
        var anonymous = app.BrowserClient();

        var page = await anonymous.GetAsync($"/invitation/{token}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("/login?ReturnUrl=", html);
        Assert.DoesNotContain("name=\"Password\"", html);
        var takeover = await anonymous.PostFormAsync($"/invitation/{token}", Passwords("attacker-password-123", "attacker-password-123"));
        Assert.Equal(HttpStatusCode.Forbidden, takeover.StatusCode);
        Assert.Equal(UserStatus.Invited, (await UserAsync(app, userId)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.BrowserClient().LoginAsync(acme.AdminEmail, "attacker-password-123")).StatusCode);

        var owner = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await owner.LoginAsync(acme.AdminEmail, RollcallApp.Password)).StatusCode);
        var accepted = await owner.SubmitFormAsync($"/invitation/{token}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var user = await UserAsync(app, userId);
        Assert.Equal((UserStatus.Active, acme.AdminAccountId), (user.Status, user.AccountId));
    }

    /// <summary>Rollcall sending to a loopback SMTP server, a company, and one hand-made user whose invitation has gone out.</summary>
    private sealed record Invited(SmtpSink Smtp, RollcallApp App, TestCompany Company, Guid UserId, string Token) : IAsyncDisposable
    {
        public static async Task<Invited> StartAsync(string email)
        {
            var smtp = SmtpSink.Start();
            var app = RollcallApp.Start(settings: smtp.Settings());
            var company = await app.CreateCompanyAsync();
            var userId = (await MailTesting.CreateUsersAsync(app.ApiClient(company.ApiKey), company.Id, email)).Single();
            await MailTesting.DispatchAsync(app);
            return new Invited(smtp, app, company, userId, MailTesting.TokenOf(MailTesting.LinkIn(smtp.Messages.Single())));
        }

        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            await Smtp.DisposeAsync();
        }
    }

    private static Dictionary<string, string> Passwords(string password, string confirm) => new() { ["Password"] = password, ["ConfirmPassword"] = confirm };

    private static Task<DirectoryUser> UserAsync(RollcallApp app, Guid userId) =>
        app.WithDbAsync(db => db.DirectoryUsers.AsNoTracking().SingleAsync(u => u.Id == userId));
}
