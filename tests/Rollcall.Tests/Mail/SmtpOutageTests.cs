using System.Net;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Outbox;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Mail;

/// <summary>An SMTP server down or refusing a recipient: messages wait with their error, back off, give up in the end, and are delivered once when it is back.</summary>
public sealed class SmtpOutageTests
{
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
        await using var s = await SyncScenario.ConnectedAsync(settings);
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
    public async Task RefusedRecipient_FailsAtOnce_AdminSeesTheErrorWithoutTheAddress_RetryDelivers()
    {
        await using var smtp = SmtpSink.Start();
        smtp.Refused["bert@example.test"] = true;
        await using var s = await SyncScenario.ConnectedAsync(smtp.Settings());
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
        await MailTesting.CompanyWithUsersAsync(app, Enumerable.Range(1, 10).Select(i => $"p{i}@example.test").ToArray());

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
        await using var s = await SyncScenario.ConnectedAsync(settings);
        await s.HireAsync("Anna", "Schmidt", email: "anna@example.test");
        await s.SyncAsync();

        // The delay was chosen at some instant during the dispatch: it lies between "next attempt - end of dispatch"
        // and "next attempt - start of dispatch", however long the failed connection took on a busy machine.
        var waits = new List<(TimeSpan AtLeast, TimeSpan AtMost)>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await MailTesting.WaitUntilAsync(s.App, async db => await db.OutboxMessages.AnyAsync(m => m.NextAttemptAt <= DateTime.SpecifyKind(TimeProvider.System.GetUtcNow().UtcDateTime, DateTimeKind.Unspecified)));
            var before = TimeProvider.System.GetUtcNow().UtcDateTime;
            await MailTesting.DispatchAsync(s.App);
            var after = TimeProvider.System.GetUtcNow().UtcDateTime;
            var message = Assert.Single(await s.MessagesAsync(MessageKind.Invitation));
            Assert.Equal(attempt, message.Attempts);
            if (attempt < 3)
            {
                Assert.Equal(MessageState.Pending, message.State);
                waits.Add((message.NextAttemptAt - after, message.NextAttemptAt - before));
            }
            else
            {
                Assert.Equal(MessageState.Failed, message.State);
            }
        }

        AssertWaited(waits[0], 200);  // 200 ms ± 20 %
        AssertWaited(waits[1], 400);  // doubled
        Assert.Empty(smtp.Messages);
    }

    /// <summary>The measured window overlaps <paramref name="milliseconds"/> ± 20 % (the jitter).</summary>
    private static void AssertWaited((TimeSpan AtLeast, TimeSpan AtMost) wait, double milliseconds)
    {
        Assert.True(wait.AtLeast.TotalMilliseconds <= milliseconds * 1.2 && wait.AtMost.TotalMilliseconds >= milliseconds * 0.8,
            $"waited between {wait.AtLeast.TotalMilliseconds} and {wait.AtMost.TotalMilliseconds} ms, not {milliseconds} ms ± 20 %");
    }
}
