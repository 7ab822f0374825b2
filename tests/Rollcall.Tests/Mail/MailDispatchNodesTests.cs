using Microsoft.Extensions.DependencyInjection;
using Rollcall.Data.Outbox;
using Rollcall.Mail;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Mail;

/// <summary>Dispatchers on several nodes and across restarts: claims are released or lapse, and every message is sent once, none lost.</summary>
public sealed class MailDispatchNodesTests
{
    [Fact]
    public async Task RollcallStoppedMidDispatch_AndRestarted_NoDuplicateNoLoss()
    {
        await using var smtp = SmtpSink.Start();
        smtp.Delay = TimeSpan.FromMilliseconds(250);
        var settings = smtp.Settings();
        settings["Mail:DispatchInterval"] = "00:00:00.200";
        await using var database = TestDatabase.Sqlite();
        await using (var s = await SyncScenario.ConnectedAsync(settings, database))
        {
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
        await using var s = await SyncScenario.ConnectedAsync(settings);
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
        await using var s = await SyncScenario.ConnectedAsync(settings, database);
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
}
