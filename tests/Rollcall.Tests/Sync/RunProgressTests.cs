using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Directory;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Sync;

/// <summary>
/// A run says where it is while it runs, in its own row and so in the run resource: phase, pages read of total, steps
/// applied of planned, Personio's requests and 429s; at its end the company's users by status. Reads are slowed by
/// Rollcall's own throttle (two list requests a second), so a run lasts a few seconds and is watched through the API.
/// </summary>
public sealed class RunProgressTests
{
    private static readonly Dictionary<string, string?> Slow = new() { ["Personio:V1EmployeesPerSecond"] = "2" };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Sync_SlowRead_PhasesInOrderPagesAdvanceStepsAllAppliedRequestsAsCounted(string provider)
    {
        await using var s = await SyncScenario.StartAsync(settings: Slow, personioSize: 650, provider: provider);
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        await s.Sandbox.ResetRequestCountsAsync();

        var (seen, run) = await WatchAsync(s.Api, s.Base, await QueueAsync(s.Api, s.Base));

        var phases = seen.Select(r => Phase(r)).ToList();
        Assert.Equal(phases.Order(), phases); // never back
        Assert.Contains(RunPhase.Reading, phases);
        var pages = seen.Where(r => Phase(r) == RunPhase.Reading).Select(r => r["pagesRead"]!.GetValue<int>()).Distinct().ToList();
        Assert.True(pages.Count >= 2, $"pages read seen while reading: {string.Join(", ", pages)}");
        Assert.Equal(pages.Order(), pages);
        Assert.All(seen.Where(r => Phase(r) == RunPhase.Reading && r["pagesTotal"] is not null), r => Assert.Equal(7, r["pagesTotal"]!.GetValue<int>()));
        var counts = await s.Sandbox.RequestCountsAsync();
        Assert.Equal((RunPhase.Finished, "succeeded"), (Phase(run), run["state"]!.GetValue<string>()));
        // The access check reads one record from the same route; every other list request is a page of the read.
        Assert.Equal((7, 7, 7), (run["pagesRead"]!.GetValue<int>(), run["pagesTotal"]!.GetValue<int>(), counts["GET /v1/company/employees"] - 1));
        var steps = (await (await s.Api.GetAsync($"{s.Base}/runs/{run["id"]}/steps?pageSize=1")).ReadJsonAsync(HttpStatusCode.OK))["total"]!.GetValue<int>();
        Assert.Equal((steps, steps), (run["stepsPlanned"]!.GetValue<int>(), run["stepsApplied"]!.GetValue<int>()));
        Assert.Equal((counts.Values.Sum(), 0), (run["personioRequests"]!.GetValue<int>(), run["personioThrottled"]!.GetValue<int>()));
        Assert.True(run["elapsedSeconds"]!.GetValue<long>() >= 0);
        Assert.NotNull(run["progressAt"]);
        var stored = await s.App.WithDbAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == run["id"]!.GetValue<Guid>()));
        Assert.Equal(await UsersByStatusAsync(s), (stored.UsersActive, stored.UsersInvited, stored.UsersDeactivated));
        Assert.True(stored.UsersInvited > 0);
    }

    [Fact]
    public async Task Sync_PersonioAnswers429s_ThrottledCountedWithEveryAttempt()
    {
        await using var s = await SyncScenario.StartAsync(personioSize: 250);
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        await s.Sandbox.ResetRequestCountsAsync();
        await s.Sandbox.ArmFaultAsync("rate_limited", page: 1, times: 2);

        var run = await s.SyncAsync();

        var counts = await s.Sandbox.RequestCountsAsync();
        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal((counts.Values.Sum(), 2), (run.PersonioRequests, run.PersonioThrottled));
        Assert.Equal((3, 3), (run.PagesRead, run.PagesTotal));
        var stored = await s.App.WithDbAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id));
        Assert.Equal((counts.Values.Sum(), 2, RunPhase.Finished), (stored.PersonioRequests, stored.PersonioThrottled, stored.Phase));
    }

    [Fact]
    public async Task Sync_TwoCompaniesAtOnce_EachRunCountsOnlyItsOwnRequests()
    {
        await using var s = await SyncScenario.StartAsync(personioSize: 450);
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        var other = await s.App.CreateCompanyAsync("Other GmbH");
        var otherApi = s.App.ApiClient(other.ApiKey);
        var otherBase = $"/api/companies/{other.Id}/personio";
        var otherPersonio = await s.Sandbox.CreateCompanyAsync(120, seed: 3);
        await SyncScenario.AssertOkAsync(await otherApi.PutAsJsonAsync($"{otherBase}/credentials", new { clientId = otherPersonio.ClientId, clientSecret = otherPersonio.Secret }));
        // Alone first (twice, so both hold a token): what each run of each company asks Personio.
        await s.SyncAsync();
        await WatchAsync(otherApi, otherBase, await QueueAsync(otherApi, otherBase));
        await s.Sandbox.ResetRequestCountsAsync();
        var alone = (await s.SyncAsync()).PersonioRequests;
        var otherAlone = (await WatchAsync(otherApi, otherBase, await QueueAsync(otherApi, otherBase))).Run["personioRequests"]!.GetValue<int>();
        Assert.Equal(alone + otherAlone, (await s.Sandbox.RequestCountsAsync()).Values.Sum());
        await s.Sandbox.ResetRequestCountsAsync();

        var both = await Task.WhenAll(
            Task.Run(async () => (await s.SyncAsync()).PersonioRequests),
            Task.Run(async () => (await WatchAsync(otherApi, otherBase, await QueueAsync(otherApi, otherBase))).Run["personioRequests"]!.GetValue<int>()));

        Assert.Equal([alone, otherAlone], both);
        Assert.Equal(alone + otherAlone, (await s.Sandbox.RequestCountsAsync()).Values.Sum());
    }

    [Fact]
    public async Task Sync_GuardTripped_WaitsForApprovalWithEveryStepRecordedAndUsersCounted()
    {
        await using var s = await SyncScenario.StartAsync();
        var ids = await s.StaffAsync(5, iban: null);

        var held = await s.HeldRunAsync(ids.Take(3));

        var stored = await s.App.WithDbAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == held.Id));
        Assert.Equal((RunState.NeedsApproval, RunPhase.WaitingForApproval), (stored.State, stored.Phase));
        Assert.Equal(((await s.StepsAsync(held.Id)).Count, stored.StepsPlanned), (stored.StepsPlanned, stored.StepsApplied));
        Assert.Equal(await UsersByStatusAsync(s), (stored.UsersActive, stored.UsersInvited, stored.UsersDeactivated));
        Assert.Equal<int?>(0, stored.UsersDeactivated); // held, not deactivated
    }

    [Fact]
    public async Task Preview_PlanRecorded_StepsRecordedOfPlannedNoUserCounts()
    {
        await using var s = await SyncScenario.StartAsync(personioSize: 120);
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());

        var run = await s.SyncAsync(dryRun: true);

        var stored = await s.App.WithDbAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id));
        var steps = await s.StepsAsync(run.Id);
        Assert.Equal((RunState.Previewed, RunPhase.Finished), (stored.State, stored.Phase));
        Assert.Equal((steps.Count, steps.Count, 2, 2), (stored.StepsPlanned, stored.StepsApplied, stored.PagesRead, stored.PagesTotal));
        Assert.Equal<int?>([null, null, null], [stored.UsersActive, stored.UsersInvited, stored.UsersDeactivated]);
        Assert.True(stored.PersonioRequests > 0);
    }

    [Fact]
    public async Task Sync_PersonioFailsMidRead_RunEndsFinishedWithThePagesItRead()
    {
        await using var s = await SyncScenario.StartAsync(personioSize: 350);
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        await s.Sandbox.ResetRequestCountsAsync();
        await s.Sandbox.ArmFaultAsync("server_error", page: 2, times: 0);

        var run = await s.SyncAsync();

        var stored = await s.App.WithDbAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id));
        Assert.Equal((RunState.Failed, RunPhase.Finished), (stored.State, stored.Phase));
        Assert.Equal((2, 4, 0, 0), (stored.PagesRead, stored.PagesTotal, stored.StepsPlanned, stored.StepsApplied));
        Assert.Equal((await s.Sandbox.RequestCountsAsync()).Values.Sum(), stored.PersonioRequests);
        Assert.Equal(await UsersByStatusAsync(s), (stored.UsersActive, stored.UsersInvited, stored.UsersDeactivated));
    }

    [Fact]
    public async Task Sync_RunOnOneNode_AnotherNodeShowsItsProgress()
    {
        await using var database = await TestDatabase.PostgresAsync();
        await using var s = await SyncScenario.StartAsync(settings: Slow, database: database, personioSize: 650);
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        await using var other = s.StartAnotherApp();
        var otherApi = other.ApiClient(s.Company.ApiKey);

        var running = Task.Run(() => s.SyncAsync()); // the engine on the first node only
        var seen = new List<JsonNode>();
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromMinutes(3));
        while (!running.IsCompleted)
        {
            var runs = (await (await otherApi.GetAsync($"{s.Base}/runs", bound.Token)).ReadJsonAsync(HttpStatusCode.OK))["items"]!.AsArray();
            if (runs.FirstOrDefault() is { } latest && latest["state"]!.GetValue<string>() == "running")
            {
                seen.Add(latest);
            }

            await Task.Delay(100, bound.Token);
        }

        var run = await running.WaitAsync(TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);
        var pages = seen.Select(r => r["pagesRead"]!.GetValue<int>()).Where(p => p > 0).Distinct().ToList();
        Assert.True(pages.Count >= 2, $"pages read seen from the other node: {string.Join(", ", pages)}");
        Assert.All(seen, r => Assert.Equal(run.Id, r["id"]!.GetValue<Guid>()));
        var final = await (await otherApi.GetAsync($"{s.Base}/runs/{run.Id}", TestContext.Current.CancellationToken)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(("finished", 7, run.StepsPlanned, run.StepsPlanned), (final["phase"]!.GetValue<string>(), final["pagesRead"]!.GetValue<int>(),
            final["stepsApplied"]!.GetValue<int>(), final["stepsPlanned"]!.GetValue<int>()));
    }

    private static RunPhase Phase(JsonNode run) => Enum.Parse<RunPhase>(run["phase"]!.GetValue<string>(), ignoreCase: true);

    private static async Task<Guid> QueueAsync(HttpClient api, string path) =>
        (await (await api.PostAsync($"{path}/sync", null)).ReadJsonAsync(HttpStatusCode.Accepted))["id"]!.GetValue<Guid>();

    /// <summary>The run as the API shows it, read every 50 ms until it has ended (bounded: a run that never ends fails the test).</summary>
    private static async Task<(List<JsonNode> Seen, JsonNode Run)> WatchAsync(HttpClient api, string path, Guid runId)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromMinutes(3));
        var seen = new List<JsonNode>();
        while (true)
        {
            var run = await (await api.GetAsync($"{path}/runs/{runId}", bound.Token)).ReadJsonAsync(HttpStatusCode.OK);
            seen.Add(run);
            if (run["state"]!.GetValue<string>() != "running")
            {
                return (seen, run);
            }

            await Task.Delay(50, bound.Token);
        }
    }

    private static Task<(int?, int?, int?)> UsersByStatusAsync(SyncScenario s) => s.App.WithDbAsync(async db =>
    {
        var users = await db.DirectoryUsers.AsNoTracking().Where(u => u.CompanyId == s.Company.Id).Select(u => u.Status).ToListAsync();
        return ((int?)users.Count(u => u == UserStatus.Active), (int?)users.Count(u => u == UserStatus.Invited), (int?)users.Count(u => u == UserStatus.Deactivated));
    });
}
