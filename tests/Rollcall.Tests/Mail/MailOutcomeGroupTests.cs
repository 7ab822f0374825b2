using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rollcall.Data.Outbox;
using Rollcall.Invitations;
using Rollcall.Mail;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Mail;

/// <summary>
/// Outcomes recorded a group at a time (ADR-026): a group the database failed to record is sent again, alone and with the
/// same Message-IDs; a shutdown records what was sent and releases the rest; a batch's claim is renewed for all its
/// messages, so a slow batch is never taken over by another dispatcher.
/// </summary>
public sealed class MailOutcomeGroupTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task DatabaseFailsToRecordAGroup_OnlyThatGroupIsSentAgain_WithTheSameMessageIds()
    {
        await using var smtp = SmtpSink.Start();
        var settings = smtp.Settings();
        settings["Mail:Smtp:Timeout"] = "00:00:01";
        settings["Mail:ClaimDuration"] = "00:00:04.5";
        settings["Mail:OutcomeGroupSize"] = "3";
        var letters = new FailingLetters();
        await using var app = RollcallApp.Start(settings: settings, services: s =>
        {
            s.AddScoped<InvitationLetters>();
            s.AddScoped<IInvitationLetters>(sp => letters.Around(sp.GetRequiredService<InvitationLetters>()));
        });
        await MailTesting.CompanyWithUsersAsync(app, "a@example.test", "b@example.test", "c@example.test", "d@example.test", "e@example.test", "f@example.test");
        letters.FailRecordingNumber = 2;

        await Assert.ThrowsAsync<InvalidOperationException>(() => MailTesting.DispatchAsync(app).WaitAsync(Bound, TestContext.Current.CancellationToken));

        var afterFailure = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == MessageKind.Invitation).ToListAsync());
        Assert.Equal(6, smtp.Messages.Count);
        var recorded = afterFailure.Where(m => m.State == MessageState.Sent).Select(m => MailComposer.MessageIdOf(m.Id)).ToHashSet();
        var unrecorded = afterFailure.Where(m => m.State == MessageState.Pending).ToList();
        Assert.Equal(3, recorded.Count);
        Assert.Equal(3, unrecorded.Count);
        Assert.All(unrecorded, m => Assert.NotNull(m.ClaimedBy)); // still claimed: no other dispatcher sends them meanwhile
        Assert.Equal(0, (await MailTesting.DispatchAsync(app)).Sent);

        await Task.Delay(TimeSpan.FromSeconds(4.7), TestContext.Current.CancellationToken); // the claim lapses
        var again = await MailTesting.DispatchAsync(app).WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.Equal(3, again.Sent);
        Assert.Equal(9, smtp.Messages.Count);
        var copies = smtp.Messages.GroupBy(m => m.MessageId ?? "").ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(6, copies.Count);
        Assert.All(recorded, id => Assert.Equal(1, copies[id]));
        Assert.All(unrecorded, m => Assert.Equal(2, copies[MailComposer.MessageIdOf(m.Id)]));
        var final = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == MessageKind.Invitation).ToListAsync());
        Assert.All(final, m => Assert.Equal((MessageState.Sent, 1, (string?)null), (m.State, m.Attempts, m.ClaimedBy)));
    }

    [Fact]
    public async Task ShutdownMidBatch_RecordsWhatWasSentAndReleasesTheRest()
    {
        await using var smtp = SmtpSink.Start();
        smtp.Delay = TimeSpan.FromMilliseconds(200);
        var settings = smtp.Settings();
        settings["Mail:OutcomeGroupSize"] = "50";
        settings["Mail:OutcomeGroupAge"] = "00:10:00";
        await using var app = RollcallApp.Start(settings: settings);
        var emails = Enumerable.Range(1, 10).Select(i => $"p{i:00}@example.test").ToArray();
        await MailTesting.CompanyWithUsersAsync(app, emails);

        using var stopping = new CancellationTokenSource();
        DispatchSummary first;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var dispatching = scope.ServiceProvider.GetRequiredService<MailDispatcher>().DispatchAsync(stopping.Token);
            await smtp.WaitForAsync(3).WaitAsync(Bound, TestContext.Current.CancellationToken);
            await stopping.CancelAsync();
            first = await dispatching.WaitAsync(Bound, TestContext.Current.CancellationToken);
        }

        var delivered = smtp.Messages.Select(m => m.MessageId).ToHashSet();
        var outbox = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == MessageKind.Invitation).ToListAsync());
        Assert.InRange(delivered.Count, 3, 9);
        Assert.Equal(delivered.Count, first.Sent);
        Assert.Equal(delivered.Order(), outbox.Where(m => m.State == MessageState.Sent).Select(m => MailComposer.MessageIdOf(m.Id)).Order());
        Assert.All(outbox, m => Assert.Null(m.ClaimedBy));
        Assert.All(outbox.Where(m => m.State != MessageState.Sent), m => Assert.Equal((MessageState.Pending, 0), (m.State, m.Attempts)));

        var rest = await MailTesting.DispatchAsync(app).WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.Equal(10 - delivered.Count, rest.Sent);
        Assert.Equal(emails, smtp.Messages.Select(MailTesting.To).Order());
        Assert.Equal(10, smtp.Messages.Select(m => m.MessageId).Distinct().Count());
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task BatchOutlastingItsClaimDuration_IsRenewed_AnotherDispatcherSendsNothingOfIt(string provider)
    {
        await using var smtp = SmtpSink.Start();
        smtp.Delay = TimeSpan.FromMilliseconds(700);
        var settings = smtp.Settings();
        settings["Mail:Smtp:Timeout"] = "00:00:01";
        settings["Mail:ClaimDuration"] = "00:00:04.5";
        settings["Mail:OutcomeGroupAge"] = "00:10:00"; // nothing recorded before the batch ends: the renewal alone keeps the sent ones claimed
        var database = provider == "Postgres" ? await TestDatabase.PostgresAsync() : TestDatabase.Sqlite();
        await using var app = RollcallApp.Start(database, settings); // the app owns the database and drops it
        var emails = Enumerable.Range(1, 9).Select(i => $"p{i:00}@example.test").ToArray();
        await MailTesting.CompanyWithUsersAsync(app, emails);

        var slow = Task.Run(() => MailTesting.DispatchAsync(app), TestContext.Current.CancellationToken);
        await smtp.WaitForAsync(7).WaitAsync(Bound, TestContext.Current.CancellationToken); // about 5 s in: past the first claim's 4.5 s
        var other = await MailTesting.DispatchAsync(app).WaitAsync(Bound, TestContext.Current.CancellationToken);
        var first = await slow.WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.Equal(0, other.Sent);
        Assert.Equal(9, first.Sent);
        Assert.Equal(emails, smtp.Messages.Select(MailTesting.To).Order());
        Assert.Equal(9, smtp.Messages.Select(m => m.MessageId).Distinct().Count());
    }

    /// <summary>The real letters, except that the chosen recording (1 = the first) throws, as a database failing at that moment would.</summary>
    private sealed class FailingLetters
    {
        private int _recordings;

        public int? FailRecordingNumber { get; set; }

        public IInvitationLetters Around(IInvitationLetters inner) => new Letters(this, inner);

        private sealed class Letters(FailingLetters owner, IInvitationLetters inner) : IInvitationLetters
        {
            public Task<IReadOnlyDictionary<Guid, InvitationLetter>> PrepareAsync(IReadOnlyCollection<OutboxMessage> messages, DateTime sendingAt, CancellationToken ct) =>
                inner.PrepareAsync(messages, sendingAt, ct);

            public Task RecordAsync(IReadOnlyCollection<LetterOutcome> outcomes, CancellationToken ct) =>
                Interlocked.Increment(ref owner._recordings) == owner.FailRecordingNumber
                    ? throw new InvalidOperationException("The database went away while recording the group.")
                    : inner.RecordAsync(outcomes, ct);
        }
    }
}
