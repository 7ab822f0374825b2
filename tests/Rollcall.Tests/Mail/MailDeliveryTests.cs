using System.Net;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Outbox;
using Rollcall.Invitations;
using Rollcall.Mail;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Mail;

/// <summary>What arrives over real SMTP on loopback: each invitation and notification once, in the company's language, through SMTP login and TLS, with no address or token in the logs.</summary>
public sealed class MailDeliveryTests
{
    [Fact]
    public async Task TwoSyncs_EachNewUserGetsExactlyOneInvitation_InTheCompanysLanguage()
    {
        await using var smtp = SmtpSink.Start();
        await using var s = await SyncScenario.ConnectedAsync(smtp.Settings());
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
    public async Task CredentialsRejected_AdminsGetOneNotification_InTheCompanysLanguage()
    {
        await using var smtp = SmtpSink.Start();
        await using var s = await SyncScenario.ConnectedAsync(smtp.Settings());
        await s.SyncAsync();
        await s.RegenerateSecretAsync();

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
            await MailTesting.CompanyWithUsersAsync(wrong, "lena@example.test");

            Assert.Equal(1, (await MailTesting.DispatchAsync(wrong)).Retrying);
            var message = await wrong.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync());
            Assert.Equal((MessageState.Pending, 1, "SMTP server refused the configured user and password."), (message.State, message.Attempts, message.LastError));
            Assert.DoesNotContain("wrong-smtp-password", string.Join("\n", wrong.Logs.GetSnapshot().Select(r => r.Message + " " + r.Exception)));
            Assert.Empty(smtp.Messages);
        }

        settings["Mail:Smtp:Password"] = "right-smtp-password";
        await using var right = RollcallApp.Start(settings: settings);
        await MailTesting.CompanyWithUsersAsync(right, "lena@example.test");
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
        await MailTesting.CompanyWithUsersAsync(app, "lena@example.test");

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
        await MailTesting.CompanyWithUsersAsync(app, "lena@example.test");

        Assert.Equal(1, (await MailTesting.DispatchAsync(app)).Sent);
        Assert.Equal("lena@example.test", MailTesting.To(Assert.Single(smtp.Messages)));
    }

    [Fact]
    public async Task Logs_NeverHoldAFullAddressOrToken()
    {
        await using var smtp = SmtpSink.Start();
        smtp.Refused["bert.refused@example.test"] = true;
        await using var app = RollcallApp.Start(settings: smtp.Settings(), captureLogs: true);
        await MailTesting.CompanyWithUsersAsync(app, "anna.visible@example.test", "bert.refused@example.test");
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
}
