using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Companies;
using Rollcall.Data.Outbox;
using Rollcall.Mail;
using Rollcall.Mail.Notifications;
using Rollcall.Pages.Localization;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Mail;

/// <summary>
/// Admin notifications are typed: each kind keeps the idempotency key it always had, stores language-neutral arguments
/// and is worded in the company's language when sent; rows queued before that still go out as they would have then.
/// </summary>
public sealed class AdminNotificationMailTests
{
    [Fact]
    public void EveryKind_HasASample_ACatalogueEntryAndAMailPageLabel()
    {
        var kinds = typeof(AdminNotification).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(AdminNotification)) && !t.IsAbstract);

        Assert.Equal(kinds.Select(t => t.Name).Order(), NotificationSamples.All.Select(n => n.GetType().Name).Order());
        Assert.All(NotificationSamples.All, n => Assert.IsType(n.GetType(), AdminNotifications.Read(n.Topic, n.Arguments.ToJson())));
        Assert.All(NotificationSamples.All, n => Assert.True(AdminNotifications.LabelOf(n.Topic) is { } label && label.English != label.German, n.Topic));
        Assert.Equal(NotificationSamples.All.Count, NotificationSamples.All.Select(n => n.Topic).Distinct().Count());
        Assert.Equal(NotificationSamples.All.Select(n => n.Topic).Order(), AdminNotifications.Topics.Order());
    }

    [Fact]
    public void EveryKind_HasItsOwnWordingInGermanAndInEnglish()
    {
        Assert.All(NotificationSamples.All, n =>
        {
            var (de, en) = (n.Text(CompanyLanguage.De), n.Text(CompanyLanguage.En));
            Assert.All(new[] { de, en }, t =>
            {
                Assert.EndsWith(" ({0})", t.Subject, StringComparison.Ordinal);
                Assert.DoesNotContain('{', t.Body);
                Assert.False(string.IsNullOrWhiteSpace(t.Action));
            });
            Assert.NotEqual(de.Subject, en.Subject);
            Assert.NotEqual(de.Body, en.Body);
            Assert.NotEqual(de.Action, en.Action);
        });
    }

    [Fact]
    public void Wording_OneAttributeOrOneUser_InTheSingular()
    {
        var attribute = new AttributesUnreadable(NotificationSamples.CompanyId, ["iban"], NotificationSamples.RunId);
        var user = new ApprovalNeeded(NotificationSamples.RunId, 1);

        Assert.Contains("das zugeordnete Attribut iban nicht mehr lesen. Dieses Feld behält seinen Wert", attribute.Text(CompanyLanguage.De).Body);
        Assert.Contains("the mapped attribute iban. Its field keeps its value", attribute.Text(CompanyLanguage.En).Body);
        Assert.Contains("würde 1 Benutzer deaktivieren", user.Text(CompanyLanguage.De).Body);
        Assert.Contains("would deactivate 1 user,", user.Text(CompanyLanguage.En).Body);
    }

    [Fact]
    public void EveryKind_ReadBackFromItsStoredArguments_IsTheSameNotification()
    {
        Assert.All(NotificationSamples.All, n =>
        {
            var detail = n.Arguments.ToJson();
            var read = AdminNotifications.Read(n.Topic, detail)!;

            Assert.InRange(detail.Length, 2, 2000);
            Assert.Equal((n.IdempotencyKey, n.Link, n.CausingRunId, detail), (read.IdempotencyKey, read.Link, read.CausingRunId, read.Arguments.ToJson()));
            Assert.Equal(n.Text(CompanyLanguage.De), read.Text(CompanyLanguage.De));
            Assert.Equal(n.Text(CompanyLanguage.En), read.Text(CompanyLanguage.En));
        });
    }

    /// <summary>The keys make "one cause, at most one email" hold across runs, nodes and versions: they never change.</summary>
    [Fact]
    public void IdempotencyKeys_AreTheKeysOfBefore()
    {
        var (company, run, previous) = (NotificationSamples.CompanyId, NotificationSamples.RunId, NotificationSamples.PreviousRunId);
        var connectedAt = DateTime.SpecifyKind(NotificationSamples.ConnectedAt, DateTimeKind.Unspecified); // as SQLite gives it back

        Assert.Equal($"approval-needed:{run}", new ApprovalNeeded(run, 3).IdempotencyKey);
        Assert.Equal($"credentials-rejected:{company}:2026-11-02T08:15:00.0000000", new CredentialsRejected(company, connectedAt).IdempotencyKey);
        Assert.Equal($"credentials-rejected:{company}:2026-11-02T08:15:00.0000000Z", new CredentialsRejected(company, NotificationSamples.ConnectedAt).IdempotencyKey);
        Assert.Equal($"credentials-rejected:{company}:", new CredentialsRejected(company, null).IdempotencyKey);
        Assert.Equal($"runs-failing:{company}:{previous}", new RunsFailing(company, previous, run, "personio", "Unavailable").IdempotencyKey);
        Assert.Equal($"attributes-unreadable:{company}:creditor_number,iban:{run}",
            new AttributesUnreadable(company, new HashSet<string> { "iban", "creditor_number" }, run).IdempotencyKey);
        Assert.Equal($"invitations-held:{run}", new InvitationsHeld(run, 200).IdempotencyKey);
    }

    [Fact]
    public void RowWithAnEnglishDetail_IsReadAsQueuedBeforeNotificationsWereTyped()
    {
        Assert.Null(AdminNotifications.Read(ApprovalNeeded.TopicCode, "A Personio sync would deactivate 12 users, more than the company's threshold."));
        Assert.Null(AdminNotifications.Read(RunsFailing.TopicCode, "{Two Personio syncs in a row failed"));
        Assert.Null(AdminNotifications.Read(RunsFailing.TopicCode, null));
    }

    [Fact]
    public async Task RowQueuedWithAnEnglishDetail_IsSentWithItsDetailLine()
    {
        await using var smtp = SmtpSink.Start();
        await using var app = RollcallApp.Start(settings: smtp.Settings());
        var company = await app.CreateCompanyAsync();
        const string detail = "Personio no longer lets the credential read iban. Those fields keep their values until the attributes are readable again.";
        await app.WithDbAsync(db =>
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                Id = Guid.NewGuid(), CompanyId = company.Id, Kind = MessageKind.AdminNotification, IdempotencyKey = $"attributes-unreadable:{company.Id}:iban:x",
                Topic = AttributesUnreadable.TopicCode, Detail = detail, State = MessageState.Pending, CreatedAt = DateTime.UnixEpoch, NextAttemptAt = DateTime.UnixEpoch,
            });
            return db.SaveChangesAsync();
        });

        var summary = await MailTesting.DispatchAsync(app);

        Assert.Equal(1, summary.Sent);
        var message = Assert.Single(smtp.Messages);
        Assert.Equal("Personio-Attribute nicht mehr lesbar (Acme GmbH)", message.Subject);
        Assert.Contains($"Einzelheiten: {detail}", message.TextBody);
        Assert.Contains($"https://rollcall.example/companies/{company.Id}/integrations/personio", message.TextBody);
    }

    [Fact]
    public async Task SyncsFailingTwice_GermanCompany_AdminsReadTheCauseInGermanWithALinkToTheRun()
    {
        await using var smtp = SmtpSink.Start();
        await using var s = await SyncScenario.ConnectedAsync(smtp.Settings()); // companies are created German
        await s.SyncAsync();
        await s.Sandbox.ArmFaultAsync("malformed_json", page: 0, times: 0);

        await s.SyncAsync();
        var second = await s.SyncAsync();
        await MailTesting.DispatchAsync(s.App);

        var stored = Assert.Single(await s.MessagesAsync(MessageKind.AdminNotification));
        Assert.StartsWith("{", stored.Detail, StringComparison.Ordinal);
        Assert.Equal(second.Id, stored.RunId);
        var message = Assert.Single(smtp.Messages, m => m.Subject?.StartsWith("Personio-Abgleich", StringComparison.Ordinal) == true);
        Assert.Equal("Personio-Abgleich schlägt wiederholt fehl (Acme GmbH)", message.Subject);
        Assert.Contains("fehlgeschlagen, der letzte, weil Personio unvollständig oder anders als dokumentiert geantwortet hat.", message.TextBody);
        Assert.Contains($"https://rollcall.example/companies/{s.Company.Id}/runs/{second.Id}", message.TextBody);
        Assert.DoesNotContain("Einzelheiten", message.TextBody);
        Assert.DoesNotContain("Personio sent", message.TextBody);
    }
}
