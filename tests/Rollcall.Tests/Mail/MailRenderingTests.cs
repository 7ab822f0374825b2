using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Rollcall.Data.Companies;
using Rollcall.Data.Outbox;
using Rollcall.Mail;

namespace Rollcall.Tests.Mail;

/// <summary>
/// The rendered emails against reviewed snapshots (<c>Mail/Snapshots/*.txt</c>): a change of wording or layout shows up as
/// a diff to review. A missing snapshot is written and the test fails, so a new one is always looked at once.
/// </summary>
public sealed class MailRenderingTests
{
    private static readonly Guid OutboxId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static readonly Guid CompanyId = Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7");

    [Theory]
    [InlineData(CompanyLanguage.De, false)]
    [InlineData(CompanyLanguage.En, false)]
    [InlineData(CompanyLanguage.De, true)]
    public void Invitation_MatchesItsSnapshot(CompanyLanguage language, bool testMode)
    {
        var message = Message(MailTopics.Invitation, testMode);
        var mime = Composer().Invitation(message, Company(language), new InvitationRecipient("Jürgen Weiß", "juergen@acme.example"),
            new Uri("https://rollcall.acme.example/invitation/TOKEN"), new DateTime(2026, 12, 4, 9, 30, 0, DateTimeKind.Utc),
            [new MimeKit.MailboxAddress("Ada Admin", "ada@acme.example")]);

        AssertSnapshot($"invitation.{language.ToString().ToLowerInvariant()}{(testMode ? ".test-mode" : "")}", Render(mime));
    }

    public static TheoryData<CompanyLanguage, string> Notifications { get; } = new(
        from n in NotificationSamples.All from l in new[] { CompanyLanguage.De, CompanyLanguage.En } select (l, n.Topic));

    [Theory]
    [MemberData(nameof(Notifications))]
    public void Notification_MatchesItsSnapshot(CompanyLanguage language, string topic)
    {
        var notification = NotificationSamples.Of(topic);
        var message = Message(topic, false);
        message.Detail = notification.Arguments.ToJson();
        message.RunId = notification.CausingRunId;
        var mime = Composer().Notification(message, Company(language), [new MimeKit.MailboxAddress("Ada Admin", "ada@acme.example")]);

        AssertSnapshot($"{topic}.{language.ToString().ToLowerInvariant()}", Render(mime));
    }

    /// <summary>The person's own copy of a payment-data change: to their address alone, no admin wording, a link to Rollcall's start.</summary>
    [Theory]
    [InlineData(CompanyLanguage.De)]
    [InlineData(CompanyLanguage.En)]
    public void PaymentDataChanged_PersonsCopy_MatchesItsSnapshot(CompanyLanguage language)
    {
        var notification = NotificationSamples.PaymentDataChanged with { PersonalRecipient = "greta.berg@acme.example" };
        var message = Message(notification.Topic, false);
        message.Detail = notification.Arguments.ToJson();
        message.RunId = notification.CausingRunId;
        var mime = Composer().Notification(message, Company(language), [new MimeKit.MailboxAddress("Ada Admin", "ada@acme.example")]);

        Assert.Equal(["greta.berg@acme.example"], mime.To.Mailboxes.Select(m => m.Address));
        AssertSnapshot($"{notification.Topic}.person.{language.ToString().ToLowerInvariant()}", Render(mime));
    }

    /// <summary>A row queued before notifications were typed: its English detail, wording and link as they were then.</summary>
    [Theory]
    [InlineData(CompanyLanguage.De, "credentials_rejected")] // the codes rows of then were stored with
    [InlineData(CompanyLanguage.En, "approval_needed")]
    public void Notification_QueuedWithAnEnglishDetail_MatchesTheSnapshotOfThen(CompanyLanguage language, string topic)
    {
        var message = Message(topic, false);
        message.Detail = "A Personio sync would deactivate 12 users, more than the company's threshold.";
        message.RunId = Guid.Parse("a3bb189e-8bf9-3888-9912-ace4e6543002");
        var mime = Composer().Notification(message, Company(language), [new MimeKit.MailboxAddress("Ada Admin", "ada@acme.example")]);

        AssertSnapshot($"legacy.{topic}.{language.ToString().ToLowerInvariant()}", Render(mime));
    }

    private static MailComposer Composer() => new(
        Options.Create(new MailOptions { From = "Rollcall <rollcall@acme.example>", PublicBaseUrl = new Uri("https://rollcall.acme.example/") }),
        new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.Zero)));

    private static Company Company(CompanyLanguage language) =>
        new() { Id = CompanyId, Name = "Acme GmbH", TimeZone = "Europe/Berlin", Language = language };

    private static OutboxMessage Message(string topic, bool testMode) => new()
    {
        Id = OutboxId, CompanyId = CompanyId, IdempotencyKey = "snapshot", Topic = topic, TestMode = testMode,
        Kind = topic == MailTopics.Invitation ? MessageKind.Invitation : MessageKind.AdminNotification,
    };

    /// <summary>Headers that matter, then the text part, then the HTML part.</summary>
    private static string Render(MimeKit.MimeMessage mime) => string.Join("\n",
        $"Message-ID: {mime.MessageId}",
        $"From: {mime.From}",
        $"To: {mime.To}",
        $"Subject: {mime.Subject}",
        $"Content-Language: {mime.Headers["Content-Language"]}",
        $"{MailComposer.CompanyHeader}: {mime.Headers[MailComposer.CompanyHeader]}",
        "",
        "----- text -----",
        mime.TextBody?.Trim() ?? "",
        "----- html -----",
        mime.HtmlBody?.Trim() ?? "") + "\n";

    private static void AssertSnapshot(string name, string actual)
    {
        var path = Path.Combine(SourceFolder(), "Snapshots", $"{name}.txt");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, actual);
            Assert.Fail($"Snapshot {name} written; review it and run again.");
        }

        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual.ReplaceLineEndings("\n"));
    }

    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
