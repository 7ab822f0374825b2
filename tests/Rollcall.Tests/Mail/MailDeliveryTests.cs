using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Rollcall.Data.Directory;
using Rollcall.Data.Outbox;
using Rollcall.Mail;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Mail;

/// <summary>
/// Invitations and notifications through a real SMTP server on loopback: each one arrives exactly once, whatever the
/// server or Rollcall do in between.
/// </summary>
public sealed class MailDeliveryTests
{
    [Fact]
    public async Task TwoSyncs_EachNewUserGetsExactlyOneInvitation_InTheCompanysLanguage()
    {
        await using var smtp = SmtpSink.Start();
        await using var s = await SyncScenario.StartAsync(settings: smtp.Settings());
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        await s.HireAsync("Anna", "Schmidt", email: "anna@example.test");
        await s.HireAsync("Jürgen", "Weiß", email: "juergen@example.test");

        await s.SyncAsync();
        var firstPass = await MailTesting.DispatchAsync(s.App);
        Assert.All(await s.MessagesAsync(MessageKind.Invitation), m => Assert.Equal((MessageState.Sent, null), (m.State, m.LastError)));
        Assert.Equal(2, firstPass.Sent);
        await s.HireAsync("Chloé", "Dubois", email: "chloe@example.test");
        await s.SyncAsync();
        await MailTesting.DispatchAsync(s.App);
        await MailTesting.DispatchAsync(s.App);

        var received = smtp.Messages;
        Assert.Equal(["anna@example.test", "chloe@example.test", "juergen@example.test"], received.Select(MailTesting.To).Order());
        var outbox = await s.MessagesAsync(MessageKind.Invitation);
        Assert.All(outbox, m => Assert.Equal(MessageState.Sent, m.State));
        Assert.Equal(outbox.Select(m => MailComposer.MessageIdOf(m.Id)).Order(), received.Select(m => m.MessageId).Order());

        var juergen = received.Single(m => MailTesting.To(m) == "juergen@example.test");
        Assert.Equal("Einladung zu Acme GmbH", juergen.Subject);
        Assert.Contains("Hallo Jürgen Weiß,", juergen.TextBody);
        Assert.Contains("Acme GmbH hat Sie eingeladen", juergen.HtmlBody);
        Assert.Equal("rollcall@rollcall.example", juergen.From.Mailboxes.Single().Address);
        var link = MailTesting.LinkIn(juergen);
        Assert.StartsWith("https://rollcall.example/invitation/", link, StringComparison.Ordinal);
        Assert.Contains(link, juergen.HtmlBody);
        // Only the hash is kept once sent: the link cannot be rebuilt from the database.
        var invitations = await s.App.WithDbAsync(db => db.Invitations.AsNoTracking().ToListAsync());
        Assert.Equal(3, invitations.Count);
        Assert.All(invitations, i => Assert.Null(i.ProtectedToken));
        // The link works for seven days from sending (not from queueing: a held invitation released later gets its full week).
        Assert.All(outbox, m => Assert.Equal(m.SentAt!.Value.AddDays(7), invitations.Single(i => i.Id == m.InvitationId).ExpiresAt, TimeSpan.FromSeconds(5)));
        Assert.Contains(invitations, i => i.TokenHash == InvitationLinks.Hash(link[(link.LastIndexOf('/') + 1)..]));
    }

    [Fact]
    public async Task SmtpDownForAWhile_ThenBack_EveryMessageDeliveredOnce_ByTheScheduledDispatcher()
    {
        await using var smtp = SmtpSink.Start();
        await smtp.DownAsync();
        var settings = smtp.Settings();
        settings["Mail:Dispatch"] = "true";
        settings["Mail:DispatchInterval"] = "00:00:00.200";
        settings["Mail:RetryBaseDelay"] = "00:00:00.100";
        settings["Mail:RetryMaxDelay"] = "00:00:00.400";
        settings["Mail:MaxAttempts"] = "100";
        await using var s = await SyncScenario.StartAsync(settings: settings);
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        for (var i = 1; i <= 5; i++)
        {
            await s.HireAsync("Person", $"Nr{i}", email: $"p{i}@example.test");
        }

        await s.SyncAsync();
        await MailTesting.WaitUntilAsync(s.App, async db => await db.OutboxMessages.CountAsync(m => m.Attempts >= 2) == 5);
        var failing = await s.MessagesAsync(MessageKind.Invitation);
        Assert.All(failing, m => Assert.Equal((MessageState.Pending, $"SMTP server 127.0.0.1:{smtp.Port} not reachable"), (m.State, m.LastError![..(m.LastError!.IndexOf(" (", StringComparison.Ordinal))])));
        Assert.Empty(smtp.Messages);

        smtp.Up();
        await smtp.WaitForAsync(5);
        await MailTesting.WaitUntilAsync(s.App, async db => await db.OutboxMessages.CountAsync(m => m.State == MessageState.Sent) == 5);
        await Task.Delay(1000); // several more dispatcher rounds: nothing is sent again

        Assert.Equal(5, smtp.Messages.Count);
        Assert.Equal(5, smtp.Messages.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"p{i}@example.test"), smtp.Messages.Select(MailTesting.To).Order());
    }

    [Fact]
    public async Task RollcallStoppedMidDispatch_AndRestarted_NoDuplicateNoLoss()
    {
        await using var smtp = SmtpSink.Start();
        smtp.Delay = TimeSpan.FromMilliseconds(250);
        var settings = smtp.Settings();
        settings["Mail:DispatchInterval"] = "00:00:00.200";
        await using var database = TestDatabase.Sqlite();
        await using (var s = await SyncScenario.StartAsync(settings: settings, database: database))
        {
            await SyncScenario.AssertOkAsync(await s.ConnectAsync());
            for (var i = 1; i <= 12; i++)
            {
                await s.HireAsync("Person", $"Nr{i}", email: $"p{i:00}@example.test");
            }

            await s.SyncAsync();
        }

        settings["Mail:Dispatch"] = "true";
        var first = RollcallApp.Start(database, settings, ownsDatabase: false);
        await smtp.WaitForAsync(3);
        await first.DisposeAsync(); // graceful stop while the dispatcher is in the middle of the batch
        var deliveredBeforeStop = smtp.Messages.Count;
        var recorded = await MailTesting.OutboxOfAsync(database);
        Assert.InRange(deliveredBeforeStop, 3, 11);
        Assert.Equal(deliveredBeforeStop, recorded.Count(m => m.State == MessageState.Sent)); // each delivered message is recorded
        Assert.All(recorded, m => Assert.Null(m.ClaimedBy)); // the rest were released, not left claimed

        await using var second = RollcallApp.Start(database, settings, ownsDatabase: false);
        await smtp.WaitForAsync(12);
        await Task.Delay(1000);

        Assert.Equal(12, smtp.Messages.Count);
        Assert.Equal(12, smtp.Messages.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"p{i:00}@example.test"), smtp.Messages.Select(MailTesting.To).Order());
    }

    [Fact]
    public async Task NodeDiedHoldingAClaim_AnotherNodeSendsTheMessagesOnceTheClaimLapses()
    {
        await using var smtp = SmtpSink.Start();
        var settings = smtp.Settings();
        settings["Mail:Smtp:Timeout"] = "00:00:01";
        settings["Mail:ClaimDuration"] = "00:00:04.5"; // just over what one send may take (four SMTP timeouts)
        await using var s = await SyncScenario.StartAsync(settings: settings);
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        await s.HireAsync("Anna", "Schmidt", email: "anna@example.test");
        await s.HireAsync("Bert", "Bauer", email: "bert@example.test");
        await s.SyncAsync();

        // A node claims the batch and dies before sending anything.
        await using (var scope = s.App.Services.CreateAsyncScope())
        {
            var claimed = await scope.ServiceProvider.GetRequiredService<MailDispatcher>().ClaimAsync("dead-node", CancellationToken.None);
            Assert.Equal(2, claimed.Count);
        }

        var meanwhile = await MailTesting.DispatchAsync(s.App);
        Assert.Equal(0, meanwhile.Sent); // claimed by the dead node: not touched while its claim holds
        await Task.Delay(4700);
        var after = await MailTesting.DispatchAsync(s.App);

        Assert.Equal(2, after.Sent);
        Assert.Equal(["anna@example.test", "bert@example.test"], smtp.Messages.Select(MailTesting.To).Order());
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ThreeDispatchersAtOnce_EveryMessageSentOnce(string provider)
    {
        await using var smtp = SmtpSink.Start();
        smtp.Delay = TimeSpan.FromMilliseconds(5);
        var settings = smtp.Settings();
        settings["Mail:BatchSize"] = "4";
        await using var database = provider == "Postgres" ? await TestDatabase.PostgresAsync() : TestDatabase.Sqlite();
        await using var s = await SyncScenario.StartAsync(settings: settings, database: database);
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        for (var i = 1; i <= 30; i++)
        {
            await s.HireAsync("Person", $"Nr{i}", email: $"p{i:00}@example.test");
        }

        await s.SyncAsync();
        var summaries = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => MailTesting.DispatchAsync(s.App))));

        Assert.Equal(30, summaries.Sum(x => x.Sent));
        Assert.Equal(30, smtp.Messages.Count);
        Assert.Equal(30, smtp.Messages.Select(MailTesting.To).Distinct().Count());
    }

    [Fact]
    public async Task RefusedRecipient_FailsAtOnce_AdminSeesTheErrorWithoutTheAddress_RetryDelivers()
    {
        await using var smtp = SmtpSink.Start();
        smtp.Refused["bert@example.test"] = true;
        await using var s = await SyncScenario.StartAsync(settings: smtp.Settings());
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        await s.HireAsync("Anna", "Schmidt", email: "anna@example.test");
        await s.HireAsync("Bert", "Bauer", email: "bert@example.test");
        await s.SyncAsync();

        var summary = await MailTesting.DispatchAsync(s.App);

        Assert.Equal((1, 1), (summary.Sent, summary.Failed));
        var failed = await (await s.Api.GetAsync($"/api/companies/{s.Company.Id}/mail?filter=failed")).ReadJsonAsync(HttpStatusCode.OK);
        var item = Assert.Single(failed["items"]!.AsArray())!;
        Assert.Equal(("failed", 1, "bert@example.test"), (item["state"]!.GetValue<string>(), item["attempts"]!.GetValue<int>(), item["userEmail"]!.GetValue<string>()));
        Assert.Equal("SMTP server answered 550 to the recipient.", item["lastError"]!.GetValue<string>());

        smtp.Refused.Clear();
        var retry = await s.Api.PostAsync($"/api/companies/{s.Company.Id}/mail/{item["id"]!.GetValue<string>()}/retry", null);
        Assert.Equal(HttpStatusCode.NoContent, retry.StatusCode);
        Assert.Equal(1, (await MailTesting.DispatchAsync(s.App)).Sent);
        Assert.Equal(["anna@example.test", "bert@example.test"], smtp.Messages.Select(MailTesting.To).Order());
        var again = await s.Api.PostAsync($"/api/companies/{s.Company.Id}/mail/{item["id"]!.GetValue<string>()}/retry", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode); // sent now: nothing to retry
    }

    [Fact]
    public async Task SmtpDown_ARoundStopsAfterThreeFailuresInARow_TheRestKeepTheirAttemptsAndAreNotLeftClaimed()
    {
        await using var smtp = SmtpSink.Start();
        await smtp.DownAsync();
        await using var app = RollcallApp.Start(settings: smtp.Settings());
        var company = await app.CreateCompanyAsync();
        await MailTesting.CreateUsersAsync(app.ApiClient(company.ApiKey), company.Id, Enumerable.Range(1, 10).Select(i => $"p{i}@example.test").ToArray());

        var round = await MailTesting.DispatchAsync(app);

        Assert.Equal((0, 3), (round.Sent, round.Retrying));
        var messages = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync());
        Assert.Equal(3, messages.Count(m => m.Attempts == 1));
        Assert.Equal(7, messages.Count(m => m.Attempts == 0));
        Assert.All(messages, m => Assert.Equal((MessageState.Pending, null), (m.State, m.ClaimedBy)));
    }

    [Fact]
    public async Task SmtpDownForGood_BackoffGrows_GivenUpAfterMaxAttempts()
    {
        await using var smtp = SmtpSink.Start();
        await smtp.DownAsync();
        var settings = smtp.Settings();
        settings["Mail:MaxAttempts"] = "3";
        settings["Mail:RetryBaseDelay"] = "00:00:00.200";
        await using var s = await SyncScenario.StartAsync(settings: settings);
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        await s.HireAsync("Anna", "Schmidt", email: "anna@example.test");
        await s.SyncAsync();

        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await MailTesting.WaitUntilAsync(s.App, async db => await db.OutboxMessages.AnyAsync(m => m.NextAttemptAt <= DateTime.SpecifyKind(TimeProvider.System.GetUtcNow().UtcDateTime, DateTimeKind.Unspecified)));
            var before = TimeProvider.System.GetUtcNow().UtcDateTime;
            await MailTesting.DispatchAsync(s.App);
            var message = Assert.Single(await s.MessagesAsync(MessageKind.Invitation));
            Assert.Equal(attempt, message.Attempts);
            if (attempt < 3)
            {
                Assert.Equal(MessageState.Pending, message.State);
                waits.Add(message.NextAttemptAt - before);
            }
            else
            {
                Assert.Equal(MessageState.Failed, message.State);
            }
        }

        Assert.InRange(waits[0].TotalMilliseconds, 150, 300);  // 200 ms ± 20 %
        Assert.InRange(waits[1].TotalMilliseconds, 310, 560);  // doubled
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task CredentialsRejected_AdminsGetOneNotification_InTheCompanysLanguage()
    {
        await using var smtp = SmtpSink.Start();
        await using var s = await SyncScenario.StartAsync(settings: smtp.Settings());
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        await s.SyncAsync();
        await s.Sandbox.PostAsync($"/_sandbox/credentials/{s.Personio.ClientId}/regenerate-secret");

        await s.SyncAsync();
        await MailTesting.DispatchAsync(s.App);
        await MailTesting.DispatchAsync(s.App);

        var message = Assert.Single(smtp.Messages);
        Assert.Equal(s.Company.AdminEmail, MailTesting.To(message));
        Assert.Equal("Personio-Zugangsdaten abgelehnt (Acme GmbH)", message.Subject);
        Assert.Contains($"https://rollcall.example/companies/{s.Company.Id}/integrations/personio", message.TextBody);
    }

    [Fact]
    public async Task SmtpLogin_WrongPasswordKeepsTheMessageWithAClearError_RightOneDelivers()
    {
        await using var smtp = SmtpSink.Start(login: ("rollcall", "right-smtp-password"));
        var settings = smtp.Settings();
        settings["Mail:Smtp:User"] = "rollcall";
        settings["Mail:Smtp:Password"] = "wrong-smtp-password";
        await using (var wrong = RollcallApp.Start(settings: settings, captureLogs: true))
        {
            var company = await wrong.CreateCompanyAsync();
            await MailTesting.CreateUsersAsync(wrong.ApiClient(company.ApiKey), company.Id, "lena@example.test");

            Assert.Equal(1, (await MailTesting.DispatchAsync(wrong)).Retrying);
            var message = await wrong.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync());
            Assert.Equal((MessageState.Pending, 1, "SMTP server refused the configured user and password."), (message.State, message.Attempts, message.LastError));
            Assert.DoesNotContain("wrong-smtp-password", string.Join("\n", wrong.Logs.GetSnapshot().Select(r => r.Message + " " + r.Exception)));
            Assert.Empty(smtp.Messages);
        }

        settings["Mail:Smtp:Password"] = "right-smtp-password";
        await using var right = RollcallApp.Start(settings: settings);
        var other = await right.CreateCompanyAsync();
        await MailTesting.CreateUsersAsync(right.ApiClient(other.ApiKey), other.Id, "lena@example.test");
        Assert.Equal(1, (await MailTesting.DispatchAsync(right)).Sent);
        Assert.Equal("lena@example.test", MailTesting.To(Assert.Single(smtp.Messages)));
    }

    [Fact]
    public async Task SmtpOverTls_CertificateNotTrusted_NothingSentAndTheErrorSaysWhy()
    {
        using var certificate = SelfSignedCertificate();
        await using var smtp = SmtpSink.Start(certificate: certificate);
        var settings = smtp.Settings();
        settings["Mail:Smtp:Security"] = "SslOnConnect";
        settings["Mail:Smtp:Host"] = "localhost";
        await using var app = RollcallApp.Start(settings: settings);
        var company = await app.CreateCompanyAsync();
        await MailTesting.CreateUsersAsync(app.ApiClient(company.ApiKey), company.Id, "lena@example.test");

        Assert.Equal(1, (await MailTesting.DispatchAsync(app)).Retrying);

        var message = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync());
        Assert.Equal("TLS with the SMTP server failed (certificate or protocol).", message.LastError);
        Assert.Empty(smtp.Messages);
    }

    [Theory]
    [InlineData("SslOnConnect")]
    [InlineData("StartTls")]
    public async Task SmtpOverTls_ServerCertificatePinnedByItsFingerprint_Delivered(string security)
    {
        using var certificate = SelfSignedCertificate();
        await using var smtp = SmtpSink.Start(certificate: certificate, startTls: security == "StartTls");
        var settings = smtp.Settings();
        settings["Mail:Smtp:Security"] = security;
        settings["Mail:Smtp:Host"] = "localhost";
        settings["Mail:Smtp:CertificateFingerprint"] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(certificate.RawData));
        await using var app = RollcallApp.Start(settings: settings);
        var company = await app.CreateCompanyAsync();
        await MailTesting.CreateUsersAsync(app.ApiClient(company.ApiKey), company.Id, "lena@example.test");

        Assert.Equal(1, (await MailTesting.DispatchAsync(app)).Sent);
        Assert.Equal("lena@example.test", MailTesting.To(Assert.Single(smtp.Messages)));
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 SelfSignedCertificate()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=localhost", key,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        var now = TimeProvider.System.GetUtcNow();
        using var selfSigned = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        return System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(
            selfSigned.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx), null);
    }

    [Fact]
    public async Task Logs_NeverHoldAFullAddressOrToken()
    {
        await using var smtp = SmtpSink.Start();
        smtp.Refused["bert.refused@example.test"] = true;
        await using var app = RollcallApp.Start(settings: smtp.Settings(), captureLogs: true);
        var company = await app.CreateCompanyAsync();
        await MailTesting.CreateUsersAsync(app.ApiClient(company.ApiKey), company.Id, "anna.visible@example.test", "bert.refused@example.test");
        await MailTesting.DispatchAsync(app);
        var token = MailTesting.TokenOf(MailTesting.LinkIn(smtp.Messages.Single()));
        var browser = app.BrowserClient();
        var accepted = await browser.SubmitFormAsync($"/invitation/{token}", new Dictionary<string, string>
        {
            ["Password"] = RollcallApp.Password, ["ConfirmPassword"] = RollcallApp.Password,
        });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await browser.GetAsync($"/invitation/{token}")).StatusCode);

        var logged = string.Join("\n", app.Logs.GetSnapshot().Select(r => r.Message + " " + r.Exception));
        Assert.Contains("a•••@example.test", logged);
        Assert.Contains("given up after 1 attempt(s): SMTP server answered 550 to the recipient.", logged);
        Assert.DoesNotContain("anna.visible@example.test", logged);
        Assert.DoesNotContain("bert.refused@example.test", logged);
        Assert.DoesNotContain(token, logged);
    }
}
