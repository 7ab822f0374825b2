using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Directory;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Webhooks;

/// <summary>
/// When the inbox is processed: after a quiet period (or at the latest after the maximum delay), never while the company's
/// credentials are rejected, and after a restart; events covered by a run are marked, the rest wait.
/// </summary>
public sealed class WebhookInboxTests
{
    [Fact]
    public async Task RejectedCredentials_EventsKeptAndProcessedAfterReconnecting()
    {
        var (s, _) = await SyncScenario.StaffedAsync(5, settings: new Dictionary<string, string?> { ["Webhooks:QuietPeriod"] = "00:00:00" });
        await using var _ = s;
        var hired = await s.HireAsync("Rita", "Rejected", "rita@example.test");
        await s.RecordAsync("person.created", hired);
        await s.RegenerateSecretAsync();

        await s.App.ProcessEventsAsync();
        var rejected = Assert.Single(await s.RunsAsync(SyncTrigger.Webhook));
        var state = await s.App.WithDbAsync(db => db.PersonioIntegrations.Where(i => i.CompanyId == s.Company.Id).Select(i => i.State).SingleAsync());
        var whileRejected = await s.App.ProcessEventsAsync();
        var (clientId, secret) = await s.Sandbox.CreateCredentialAsync(s.Personio.Id);
        await SyncScenario.AssertOkAsync(await s.ConnectAsync(clientId, secret));
        await s.App.ProcessEventsAsync();

        Assert.Equal((RunState.Failed, "credentials_rejected.run"), (rejected.State, rejected.Reason!.Key));
        Assert.Equal(IntegrationState.CredentialsRejected, state);
        Assert.Equal(0, whileRejected);
        var after = (await s.RunsAsync(SyncTrigger.Webhook))[^1];
        Assert.True((RunState.Succeeded, 1) == (after.State, after.Created), $"{after.State} {after.Reason?.Key} {string.Join(",", after.Reason?.Args ?? [])}");
        Assert.Equal(after.Id, (await s.EventsAsync()).Single().RunId);
        Assert.Equal(UserStatus.Invited, (await s.UserOfAsync(hired)).Status);
    }

    [Fact]
    public async Task Restart_WaitingEventsProcessedByTheNewNodesLoop()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(5);
        await using var _ = s;
        await s.PersonioAsync(HttpMethod.Patch, $"/{ids[2]}", new { last_name = "Umbenannt" });
        await s.RecordAsync("person.updated", ids[2]);

        await using (var restarted = s.StartAnotherApp(new Dictionary<string, string?>
                     {
                         ["Webhooks:Process"] = "true", ["Webhooks:PollInterval"] = "00:00:00.200", ["Webhooks:QuietPeriod"] = "00:00:05",
                     }))
        {
            for (var waited = 0; waited < 300 && (await s.EventsAsync()).Single().ProcessedAt is null; waited++)
            {
                await Task.Delay(100);
            }
        }

        Assert.NotNull((await s.EventsAsync()).Single().ProcessedAt);
        Assert.Equal("Umbenannt", (await s.UserOfAsync(ids[2])).LastName);
        Assert.Equal(1, Assert.Single(await s.RunsAsync(SyncTrigger.Webhook)).Updated);
    }

    [Fact]
    public async Task QuietPeriod_ABurstWaitsUntilNoEventCameFor30Seconds_AndAStreamUntilTheMaximumDelay()
    {
        var s = await SyncScenario.StartAsync(rollcallOnTheSameClock: true);
        await using var _ = s;
        var ids = await s.StaffAsync(10);
        DateTime Now() => s.Clock.GetUtcNow().UtcDateTime;

        await s.RecordAsync("person.updated", ids[0], Now());
        var atOnce = await s.App.ProcessEventsAsync();
        s.Clock.Advance(TimeSpan.FromSeconds(29));
        var before30 = await s.App.ProcessEventsAsync();
        s.Clock.Advance(TimeSpan.FromSeconds(2));
        var after30 = await s.App.ProcessEventsAsync();
        var quietRun = Assert.Single(await s.RunsAsync(SyncTrigger.Webhook));

        // A steady stream: an event every 20 s never leaves 30 s of quiet; the oldest waits 2 minutes at most.
        var first = Now();
        var started = new List<TimeSpan>();
        for (var i = 0; i < 9; i++)
        {
            s.Clock.Advance(TimeSpan.FromSeconds(20));
            await s.RecordAsync("person.updated", ids[1 + (i % 5)], Now());
            if (await s.App.ProcessEventsAsync() > 0)
            {
                started.Add(Now() - first);
            }
        }

        Assert.Equal((0, 0, 1), (atOnce, before30, after30));
        Assert.Equal(RunState.Succeeded, quietRun.State);
        Assert.Equal([TimeSpan.FromSeconds(140)], started); // the stream's first event (at 20 s) is two minutes old at 140 s
        Assert.Equal(2, (await s.EventsAsync()).Count(e => e.ProcessedAt is null)); // the ones after that run began wait for the next
    }
}
