using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rollcall.Data.Directory;
using Rollcall.Data.Outbox;
using Rollcall.Data.Sync;
using Rollcall.Reasons;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Sync;

/// <summary>Runs cut short or overlapping: an incomplete read changes nothing, rate limits are waited out, one run per company at a time, a lapsed lease taken over.</summary>
public sealed class RunInterruptionTests
{
    [Fact]
    public async Task ServerErrorOnTheLastPage_NoDeactivationAtAllAndTheNextRunCompletes()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(2);
        await using var _ = s;
        await s.Sandbox.PostAsync($"/_sandbox/companies/{s.Personio.Id}/employees", new { first_name = "Bulk", last_name = "Hire" });
        foreach (var i in Enumerable.Range(1, 150))
        {
            await s.HireAsync($"Filler{i}", "Extern", email: $"filler{i}@example.test", type: "external");
        }

        await s.PersonioAsync(HttpMethod.Post, $"/{ids[0]}/terminate", new { termination_date = s.Today(-1) });
        await s.Sandbox.ArmFaultAsync("server_error", page: 1, times: 0, statusCode: 503);

        var failed = await s.SyncAsync();
        var stillActive = await s.UserOfAsync(ids[0]);
        await s.Sandbox.ClearFaultsAsync();
        var next = await s.SyncAsync();

        Assert.Equal(RunState.Failed, failed.State);
        Assert.Contains("page 2", failed.Reason!.English());
        Assert.Equal(0, failed.Deactivated + failed.Created);
        Assert.Equal(UserStatus.Invited, stillActive.Status);
        Assert.Equal((RunState.Succeeded, 1, 1), (next.State, next.Deactivated, next.Created));
        Assert.Equal(UserStatus.Deactivated, (await s.UserOfAsync(ids[0])).Status);
    }

    [Fact]
    public async Task RateLimitBurstsThroughoutARun_RunCompletes()
    {
        await using var s = await SyncScenario.ConnectedAsync(sandboxRateLimits: true);
        foreach (var i in Enumerable.Range(1, 250))
        {
            await s.HireAsync($"Busy{i}", "Bee", email: $"busy{i}@example.test");
        }

        foreach (var page in new[] { 0, 1, 2 })
        {
            await s.Sandbox.ArmFaultAsync("rate_limited", page: page, times: 1);
        }

        await s.Sandbox.ArmFaultAsync("rate_limited", path: "/v1/company/employees/attributes", times: 1);
        var run = await s.SyncAsync();

        Assert.Equal((RunState.Succeeded, 250, 250), (run.State, run.Read, run.Created));
        Assert.Equal(250, (await s.MessagesAsync(MessageKind.Invitation)).Count);
    }

    [Fact]
    public async Task FailingTwiceInARow_AdminsToldOnce()
    {
        var (s, _) = await SyncScenario.StaffedAsync(1);
        await using var scenario = s;
        await s.Sandbox.ArmFaultAsync("malformed_json", page: 0, times: 0);

        var runs = new[] { await s.SyncAsync(), await s.SyncAsync(), await s.SyncAsync() };

        Assert.All(runs, r => Assert.Equal(RunState.Failed, r.State));
        Assert.Equal("runs_failing", Assert.Single(await s.MessagesAsync(MessageKind.AdminNotification)).Topic);
    }

    [Fact]
    public async Task ConcurrentRuns_SameCompany_SecondRefusedWhileTheFirstHoldsTheLease()
    {
        var (s, _) = await SyncScenario.StaffedAsync(1);
        await using var scenario = s;
        await using var scope = s.App.Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<Rollcall.Sync.SyncEngine>();

        var first = await engine.BeginAsync(s.Company.Id, SyncTrigger.Manual, false, CancellationToken.None);
        var second = await s.Api.PostAsync($"{s.Base}/sync", null);
        await engine.ExecuteAsync(first.Value!.Id, null, CancellationToken.None);
        var third = await s.Api.PostAsync($"{s.Base}/sync?dryRun=true", null);

        Assert.Equal("run_in_progress", await second.ProblemCodeAsync(HttpStatusCode.Conflict));
        Assert.Equal(HttpStatusCode.Accepted, third.StatusCode);
    }

    [Fact]
    public async Task CrashMidRun_LeaseLapses_NextRunMarksItInterruptedAndCompletes()
    {
        var (s, _) = await SyncScenario.StaffedAsync(2);
        await using var __ = s;
        await s.HireAsync("Late", "Comer", email: "late@example.test");
        var crashed = await s.RunWithExpiredLeaseAsync(SyncTrigger.Schedule);

        var next = await s.SyncAsync();
        var old = await s.App.WithDbAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == crashed));

        Assert.Equal((RunState.Failed, true), (old.State, old.Reason!.English().Contains("Interrupted")));
        Assert.Equal((RunState.Succeeded, 1), (next.State, next.Created));
        Assert.Equal(3, (await s.PersonioUsersAsync()).Count);
    }

    [Fact]
    public async Task QueuedRunWhoseLeaseLapsed_DoesNothingOnceANewerRunTookOver()
    {
        var (s, _) = await SyncScenario.StaffedAsync(1);
        await using var scenario = s;
        await s.HireAsync("Late", "Comer", email: "late@example.test");
        var stale = await s.RunWithExpiredLeaseAsync(SyncTrigger.Manual);
        var newer = await s.SyncAsync();

        await using var lateScope = s.App.Services.CreateAsyncScope();
        var late = await lateScope.ServiceProvider.GetRequiredService<Rollcall.Sync.SyncEngine>().ExecuteAsync(stale, null, CancellationToken.None);

        Assert.Equal((RunState.Succeeded, 1), (newer.State, newer.Created));
        Assert.Equal(RunState.Failed, late.State);
        Assert.Equal(0, late.Read);
        Assert.Equal(2, (await s.PersonioUsersAsync()).Count);
    }
}
