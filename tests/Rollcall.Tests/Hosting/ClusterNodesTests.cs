using System.Net;
using System.Net.Http.Json;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Hosting;

/// <summary>
/// Several Rollcall processes on one PostgreSQL database form one Quartz cluster: a nightly run fires once across them,
/// a schedule changed on one node is the schedule of all, a run whose node was killed is completed by another, a "Sync
/// now" survives the node that accepted it, and a nightly run missed while the nodes were down runs once on return.
/// Each scenario is a nested class, so the scenarios run in parallel; those waiting for a nightly time wait for a minute.
/// </summary>
public sealed class ClusterNodesTests
{
    public sealed class NightlyRuns
    {
        [Fact]
        public async Task ScheduleChangedOnOneNode_FiresOnceAcrossTheOthersAtTheNewTime()
        {
            await using var cluster = await RollcallCluster.StartAsync();
            var front = await cluster.StartNodeAsync("--Scheduler:RunJobs=false");
            var second = await cluster.StartNodeAsync();
            var third = await cluster.StartNodeAsync();
            var (nightlyAt, at) = RollcallCluster.NextMinute();

            var changed = await front.Api.PatchAsJsonAsync($"{cluster.Base}/settings", new { nightlyAt });
            var seenBySecond = await (await second.Api.GetAsync(cluster.Base)).ReadJsonAsync(HttpStatusCode.OK);
            var run = await cluster.WaitForRunAsync(third, r => r["trigger"]!.GetValue<string>() == "schedule" && r["state"]!.GetValue<string>() != "running",
                at - TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(120));
            await Task.Delay(TimeSpan.FromSeconds(4)); // several scheduler passes of every node: nothing fires again
            var runs = await RollcallCluster.RunsAsync(second, cluster.Company.Id);

            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            Assert.Equal(at, seenBySecond["nextRunAt"]!.GetValue<DateTimeOffset>());
            Assert.Equal(("succeeded", 3), (run["state"]!.GetValue<string>(), run["read"]!.GetValue<int>()));
            Assert.Single(runs); // one nightly run for three nodes, none of them the front node, which runs no jobs
            Assert.True(run["startedAt"]!.GetValue<DateTime>() >= at.UtcDateTime, "the run started at its nightly time, not before");
        }
    }

    public sealed class MissedNightlyRun
    {
        [Fact]
        public async Task NodeDownOverTheNightlyTime_RunsTheMissedSyncOnceWhenItReturns()
        {
            await using var cluster = await RollcallCluster.StartAsync();
            var node = await cluster.StartNodeAsync();
            var (nightlyAt, at) = RollcallCluster.NextMinute();
            await SyncScenario.AssertOkAsync(await node.Api.PatchAsJsonAsync($"{cluster.Base}/settings", new { nightlyAt }));
            await node.KillAsync();

            var downFor = at - TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(5); // past the nightly time and the misfire threshold
            await Task.Delay(downFor);
            var back = await cluster.StartNodeAsync();
            var run = await cluster.WaitForRunAsync(back, r => r["trigger"]!.GetValue<string>() == "schedule" && r["state"]!.GetValue<string>() != "running",
                TimeSpan.FromSeconds(120));
            await Task.Delay(TimeSpan.FromSeconds(4));
            var runs = await RollcallCluster.RunsAsync(back, cluster.Company.Id);
            var view = await (await back.Api.GetAsync(cluster.Base)).ReadJsonAsync(HttpStatusCode.OK);

            Assert.Equal("succeeded", run["state"]!.GetValue<string>());
            Assert.Single(runs);
            Assert.Equal(at.AddDays(1), view["nextRunAt"]!.GetValue<DateTimeOffset>()); // back on schedule: tomorrow
        }
    }

    public sealed class KilledMidRun
    {
        [Fact]
        public async Task NodeKilledMidRun_TheRunIsInterruptedAndAnotherNodeCompletesTheSync()
        {
            await using var cluster = await RollcallCluster.StartAsync(employees: 150);
            var doomed = await cluster.StartNodeAsync();
            // Personio answers slowly until the node is dead: its run is in the middle of its read when it dies.
            await cluster.Sandbox.ArmFaultAsync("delay", delayMs: 120_000, times: 0, path: "/v1/company/employees*");
            var queued = await (await doomed.Api.PostAsync($"{cluster.Base}/sync", null)).ReadJsonAsync(HttpStatusCode.Accepted);
            var runId = queued["id"]!.GetValue<Guid>();
            var survivor = await cluster.StartNodeAsync();
            await doomed.KillAsync();
            await cluster.Sandbox.ClearFaultsAsync();

            // The dead run keeps its company's lease until it lapses (Sync:LeaseDuration); then the survivor takes over.
            var completed = await cluster.WaitForRunAsync(survivor, r => r["id"]!.GetValue<Guid>() != runId && r["state"]!.GetValue<string>() != "running",
                TimeSpan.FromSeconds(120));
            var dead = await (await survivor.Api.GetAsync($"{cluster.Base}/runs/{runId}")).ReadJsonAsync(HttpStatusCode.OK);
            var runs = await RollcallCluster.RunsAsync(survivor, cluster.Company.Id);

            Assert.Equal(("failed", "interrupted"), (dead["state"]!.GetValue<string>(), dead["reasonCode"]!.GetValue<string>()));
            Assert.Equal(("succeeded", "manual", 150), (completed["state"]!.GetValue<string>(), completed["trigger"]!.GetValue<string>(), completed["read"]!.GetValue<int>()));
            Assert.Equal(2, runs.Count);
        }
    }

    public sealed class SyncNow
    {
        [Fact]
        public async Task AcceptedByANodeThatDiesBeforeRunningIt_RunsOnAnotherNode()
        {
            await using var cluster = await RollcallCluster.StartAsync();
            var worker = await cluster.StartNodeAsync();
            var front = await cluster.StartNodeAsync("--Scheduler:RunJobs=false"); // accepts, never runs

            var accepted = await (await front.Api.PostAsync($"{cluster.Base}/sync", null)).ReadJsonAsync(HttpStatusCode.Accepted);
            await front.KillAsync();
            var run = await cluster.WaitForRunAsync(worker, r => r["state"]!.GetValue<string>() != "running", TimeSpan.FromSeconds(90));

            Assert.Equal(accepted["id"]!.GetValue<Guid>(), run["id"]!.GetValue<Guid>());
            Assert.Equal(("succeeded", 3), (run["state"]!.GetValue<string>(), run["read"]!.GetValue<int>()));
        }
    }
}
