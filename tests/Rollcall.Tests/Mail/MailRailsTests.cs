using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Outbox;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Mail;

/// <summary>The per-company safety rails: a domain allow-list, a test mode, and a per-run invitation cap.</summary>
public sealed class MailRailsTests
{
    [Fact]
    public async Task DomainAllowList_OtherDomainsHeld_ReleasedOneIsSent()
    {
        await using var smtp = SmtpSink.Start();
        await using var s = await SyncScenario.StartAsync(settings: smtp.Settings());
        await PutSettingsAsync(s, new { allowedDomains = "@Example.TEST, acme.de", testMode = false, invitationCapPerRun = 200 });
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        await s.HireAsync("Anna", "Schmidt", email: "anna@example.test");
        await s.HireAsync("Bob", "Private", email: "bob@gmail.example");

        await s.SyncAsync();
        await MailTesting.DispatchAsync(s.App);

        Assert.Equal(["anna@example.test"], smtp.Messages.Select(MailTesting.To));
        var held = await ListAsync(s, "held");
        var item = Assert.Single(held);
        Assert.Equal(("domain_not_allowed", "bob@gmail.example"), (item["heldReason"]!.GetValue<string>(), item["userEmail"]!.GetValue<string>()));

        var release = await s.Api.PostAsync($"/api/companies/{s.Company.Id}/mail/{item["id"]}/release", null);
        Assert.Equal(HttpStatusCode.NoContent, release.StatusCode);
        await MailTesting.DispatchAsync(s.App);
        Assert.Equal(["anna@example.test", "bob@gmail.example"], smtp.Messages.Select(MailTesting.To).Order());
        var settings = await (await s.Api.GetAsync($"/api/companies/{s.Company.Id}/mail/settings")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("acme.de,example.test", settings["allowedDomains"]!.GetValue<string>());
    }

    [Fact]
    public async Task InvalidSettings_ClearErrorsNothingSaved()
    {
        await using var s = await SyncScenario.StartAsync();

        var badDomain = await s.Api.PutAsJsonAsync($"/api/companies/{s.Company.Id}/mail/settings", new { allowedDomains = "acme.de, not a domain", testMode = false, invitationCapPerRun = 200 });
        var badCap = await s.Api.PutAsJsonAsync($"/api/companies/{s.Company.Id}/mail/settings", new { allowedDomains = "", testMode = true, invitationCapPerRun = 0 });

        Assert.Equal("invalid_domain", await badDomain.ProblemCodeAsync(HttpStatusCode.BadRequest));
        Assert.Equal("invalid_cap", await badCap.ProblemCodeAsync(HttpStatusCode.BadRequest));
        var company = await s.App.WithDbAsync(db => db.Companies.AsNoTracking().SingleAsync(c => c.Id == s.Company.Id));
        Assert.Equal((null, false, 200), (company.InvitationDomains, company.InvitationTestMode, company.InvitationCapPerRun));
    }

    [Fact]
    public async Task TestMode_InvitationsGoToTheAdminsInstead_NamingWhoTheyAreFor()
    {
        await using var smtp = SmtpSink.Start();
        await using var s = await SyncScenario.StartAsync(settings: smtp.Settings());
        var second = await s.App.AddUserWithLoginAsync(s.Company.Id, Rollcall.Data.Directory.UserRole.Admin);
        await PutSettingsAsync(s, new { allowedDomains = (string?)null, testMode = true, invitationCapPerRun = 200 });
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        await s.HireAsync("Anna", "Schmidt", email: "anna@example.test");
        await s.HireAsync("Jonas", "Brandt", email: "jonas@example.test");

        await s.SyncAsync();
        await MailTesting.DispatchAsync(s.App);

        Assert.Equal(2, smtp.Messages.Count);
        Assert.All(smtp.Messages, m =>
        {
            Assert.Equal(new[] { s.Company.AdminEmail, second.Email }.Order(), m.To.Mailboxes.Select(a => a.Address).Order());
            Assert.StartsWith("[Test] Einladung zu Acme GmbH", m.Subject, StringComparison.Ordinal);
            Assert.Contains("Testmodus", m.TextBody ?? "");
        });
        Assert.Contains(smtp.Messages, m => (m.TextBody ?? "").Contains("Anna Schmidt <anna@example.test>", StringComparison.Ordinal));
        Assert.DoesNotContain(smtp.Messages.SelectMany(m => m.To.Mailboxes), a => a.Address.Contains("anna", StringComparison.Ordinal));
        Assert.All(await s.MessagesAsync(MessageKind.Invitation), m => Assert.True(m.TestMode));

        // The admins see the page the person will see, but cannot become the person through it.
        var token = MailTesting.TokenOf(MailTesting.LinkIn(smtp.Messages[0]));
        var browser = s.App.BrowserClient();
        var page = await browser.GetAsync($"/invitation/{token}");
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains("Testeinladung", await page.Content.ReadAsStringAsync());
        var accept = await browser.PostFormAsync($"/invitation/{token}", new Dictionary<string, string> { ["Password"] = RollcallApp.Password, ["ConfirmPassword"] = RollcallApp.Password });
        Assert.Equal(HttpStatusCode.Gone, accept.StatusCode);
        Assert.All(await s.PersonioUsersAsync(), u => Assert.Equal(Rollcall.Data.Directory.UserStatus.Invited, u.Status));
        Assert.Equal(2, await s.App.WithDbAsync(db => db.Users.CountAsync())); // no login was created
    }

    [Fact]
    public async Task TestMode_InvitationsOutsideTheAllowList_GoToTheAdminsNotHeld()
    {
        await using var smtp = SmtpSink.Start();
        await using var s = await SyncScenario.StartAsync(settings: smtp.Settings());
        await PutSettingsAsync(s, new { allowedDomains = "acme.de", testMode = true, invitationCapPerRun = 200 });
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        await s.HireAsync("Anna", "Schmidt", email: "anna@example.test");

        await s.SyncAsync();
        await MailTesting.DispatchAsync(s.App);

        Assert.Equal(s.Company.AdminEmail, MailTesting.To(Assert.Single(smtp.Messages)));
        Assert.Empty(await ListAsync(s, "held"));
    }

    [Fact]
    public async Task RunCap_RestHeldAndAdminsTold_ReleaseSendsThem_NextRunCountsAfresh()
    {
        await using var smtp = SmtpSink.Start();
        await using var s = await SyncScenario.StartAsync(settings: smtp.Settings());
        await PutSettingsAsync(s, new { allowedDomains = (string?)null, testMode = false, invitationCapPerRun = 3 });
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        for (var i = 1; i <= 5; i++)
        {
            await s.HireAsync("Person", $"Nr{i}", email: $"p{i}@example.test");
        }

        await s.SyncAsync();
        await MailTesting.DispatchAsync(s.App);

        var invitations = smtp.Messages.Where(m => (m.Subject ?? "").StartsWith("Einladung zu", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, invitations.Count);
        var notice = Assert.Single(smtp.Messages, m => MailTesting.To(m) == s.Company.AdminEmail);
        Assert.Equal("Einladungen warten auf Freigabe (Acme GmbH)", notice.Subject);
        var held = await ListAsync(s, "held");
        Assert.Equal(2, held.Count);
        Assert.All(held, h => Assert.Equal("over_run_cap", h["heldReason"]!.GetValue<string>()));

        var released = await (await s.Api.PostAsync($"/api/companies/{s.Company.Id}/mail/release-held", null)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, released["released"]!.GetValue<int>());
        await MailTesting.DispatchAsync(s.App);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"p{i}@example.test"),
            smtp.Messages.Where(m => (m.Subject ?? "").StartsWith("Einladung zu", StringComparison.Ordinal)).Select(MailTesting.To).Order());

        for (var i = 6; i <= 8; i++)
        {
            await s.HireAsync("Person", $"Nr{i}", email: $"p{i}@example.test");
        }

        await s.SyncAsync();
        await MailTesting.DispatchAsync(s.App);
        Assert.Equal(8, smtp.Messages.Count(m => (m.Subject ?? "").StartsWith("Einladung zu", StringComparison.Ordinal))); // three new, within this run's cap
        Assert.Empty(await ListAsync(s, "held"));
    }

    [Fact]
    public async Task HeldInvitation_Discarded_NeverSent()
    {
        await using var smtp = SmtpSink.Start();
        await using var s = await SyncScenario.StartAsync(settings: smtp.Settings());
        await PutSettingsAsync(s, new { allowedDomains = "acme.de", testMode = false, invitationCapPerRun = 200 });
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        await s.HireAsync("Bob", "Private", email: "bob@gmail.example");
        await s.SyncAsync();
        var item = Assert.Single(await ListAsync(s, "held"));

        var discard = await s.Api.PostAsync($"/api/companies/{s.Company.Id}/mail/{item["id"]}/discard", null);
        var releaseAfter = await s.Api.PostAsync($"/api/companies/{s.Company.Id}/mail/{item["id"]}/release", null);
        await MailTesting.DispatchAsync(s.App);

        Assert.Equal(HttpStatusCode.NoContent, discard.StatusCode);
        Assert.Equal("not_held", await releaseAfter.ProblemCodeAsync(HttpStatusCode.Conflict));
        Assert.Empty(smtp.Messages);
        Assert.Equal(MessageState.Cancelled, Assert.Single(await s.MessagesAsync(MessageKind.Invitation)).State);
    }

    private static async Task PutSettingsAsync(SyncScenario s, object settings) =>
        Assert.Equal(HttpStatusCode.OK, (await s.Api.PutAsJsonAsync($"/api/companies/{s.Company.Id}/mail/settings", settings)).StatusCode);

    private static async Task<List<System.Text.Json.Nodes.JsonNode>> ListAsync(SyncScenario s, string filter) =>
        (await (await s.Api.GetAsync($"/api/companies/{s.Company.Id}/mail?filter={filter}")).ReadJsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Select(n => n!).ToList();
}
