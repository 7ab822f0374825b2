using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Outbox;
using Rollcall.Mail;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Mail;

/// <summary>
/// A dispatcher pass keeps one SMTP connection open across its messages, closes it before a relay's per-connection limit,
/// and replaces it when the relay drops it or says it has had enough, losing nothing and sending nothing twice.
/// </summary>
public sealed class SmtpConnectionTests
{
    private static readonly string[] Ten = Enumerable.Range(1, 10).Select(i => $"p{i}@example.test").ToArray();

    [Fact]
    public async Task ABatch_GoesOverOneConnection()
    {
        await using var smtp = SmtpSink.Start();
        await using var app = RollcallApp.Start(settings: smtp.Settings());
        await MailTesting.CompanyWithUsersAsync(app, Ten);

        var round = await MailTesting.DispatchAsync(app);

        Assert.Equal(10, round.Sent);
        Assert.Equal(1, smtp.Connections);
        await AssertEachSentOnceAsync(app, smtp, 10);
    }

    [Fact]
    public async Task MessagesPerConnection_ClosesAndReconnects_BeforeTheRelaysOwnLimit()
    {
        await using var smtp = SmtpSink.Start();
        smtp.MessagesPerConnection = 4;
        var settings = smtp.Settings();
        settings["Mail:Smtp:MessagesPerConnection"] = "4";
        await using var app = RollcallApp.Start(settings: settings);
        await MailTesting.CompanyWithUsersAsync(app, Ten);

        var round = await MailTesting.DispatchAsync(app);

        Assert.Equal(10, round.Sent);
        Assert.Equal(3, smtp.Connections); // 4 + 4 + 2, and the relay never had to refuse one
        await AssertEachSentOnceAsync(app, smtp, 10);
    }

    [Theory]
    [InlineData(ConnectionLimit.Drop)]
    [InlineData(ConnectionLimit.Answer421AndClose)]
    [InlineData(ConnectionLimit.Answer452)]
    public async Task RelayStopsTakingMessagesMidBatch_ANewConnectionCarriesOn_NothingLostNothingTwice(ConnectionLimit atLimit)
    {
        await using var smtp = SmtpSink.Start();
        smtp.MessagesPerConnection = 3;
        smtp.AtLimit = atLimit;
        await using var app = RollcallApp.Start(settings: smtp.Settings());
        await MailTesting.CompanyWithUsersAsync(app, Ten);

        var round = await MailTesting.DispatchAsync(app);

        Assert.Equal((10, 0, 0), (round.Sent, round.Retrying, round.Failed));
        Assert.Equal(4, smtp.Connections); // 3 + 3 + 3 + 1
        await AssertEachSentOnceAsync(app, smtp, 10);
    }

    [Fact]
    public async Task AFreshConnectionRefused_IsAFailureAsBefore_RetriedLaterNotAtOnce()
    {
        await using var smtp = SmtpSink.Start();
        smtp.MessagesPerConnection = 0; // every MAIL FROM: 421 and close
        await using var app = RollcallApp.Start(settings: smtp.Settings());
        await MailTesting.CompanyWithUsersAsync(app, Ten);

        var round = await MailTesting.DispatchAsync(app);

        Assert.Equal((0, 3), (round.Sent, round.Retrying)); // three transient failures in a row end the round
        Assert.Equal(3, smtp.Connections); // one per attempt: a new connection is not tried again at once
        var messages = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync());
        Assert.Equal(3, messages.Count(m => m is { Attempts: 1, LastError: "SMTP server answered 421 to the sender." }));
        Assert.Empty(smtp.Messages);

        smtp.MessagesPerConnection = null;
        var later = await app.WithDbAsync(db => db.OutboxMessages.ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, m => m.NextAttemptAt.AddHours(-1))));
        Assert.Equal(10, later);
        Assert.Equal(10, (await MailTesting.DispatchAsync(app)).Sent);
        await AssertEachSentOnceAsync(app, smtp, 10);
    }

    /// <summary>Every outbox message sent and recorded once, and exactly those arrived, each once.</summary>
    private static async Task AssertEachSentOnceAsync(RollcallApp app, SmtpSink smtp, int count)
    {
        var outbox = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync());
        Assert.Equal(count, outbox.Count);
        Assert.All(outbox, m => Assert.Equal(MessageState.Sent, m.State));
        Assert.Equal(outbox.Select(m => MailComposer.MessageIdOf(m.Id)).Order(), smtp.Messages.Select(m => m.MessageId).Order());
    }
}
