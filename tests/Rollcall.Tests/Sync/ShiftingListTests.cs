using Rollcall.Data.Directory;
using Rollcall.Data.Sync;
using Rollcall.Reasons;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Sync;

/// <summary>
/// Personio's list moving, lying or stalling under a run, over HTTP against the sandbox's faults: nobody active is
/// deactivated, and the run either completes with the right directory or fails having changed nothing.
/// </summary>
public sealed class ShiftingListTests
{
    private const string List = "GET /v1/company/employees";
    private const string ById = "GET /v1/company/employees/{id}";

    /// <summary>People in Personio: the list reads in pages of 100, 100 and 50.</summary>
    private const int ThreePages = 250;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task DeleteBetweenPages_TheRecordThatSlidIsKeptAndOnlyTheDeletedOneIsConfirmedGone(string provider)
    {
        var (s, ids) = await SyncScenario.StaffedAsync(ThreePages, provider);
        await using var _ = s;
        // After page 2 (offsets 100-199) the person at 50 is deleted: the one at 200 slides onto page 2, already read.
        await s.Sandbox.ArmFaultAsync("delete_between_pages", page: 1, position: 50);

        var run = await s.SyncAsync();
        var steps = await s.StepsAsync(run.Id);
        var counts = await s.Sandbox.RequestCountsAsync();

        Assert.Equal([ids[50]], await s.Sandbox.FaultedEmployeesAsync());
        Assert.Equal((RunState.Succeeded, 1, 249), (run.State, run.Deactivated, run.Read));
        Assert.Equal(UserStatus.Invited, (await s.UserOfAsync(ids[200])).Status);
        Assert.Equal(UserStatus.Deactivated, (await s.UserOfAsync(ids[50])).Status);
        var gone = Assert.Single(steps, st => st.Kind == StepKind.Deactivate);
        Assert.Equal((ids[50], "gone"), (gone.PersonioEmployeeId, gone.ReasonCode));
        Assert.Equal("gone.confirmed", gone.Reason!.Key);
        Assert.Contains(steps, st => st.ReasonCode == "read_unsettled" && st.Reason!.English().Contains("total_changed"));
        Assert.Equal(1 + 3 + 3, counts[List]); // the access check, a read that saw the total change, a clean one
        Assert.Equal(1, counts[ById]); // only the one missing from the clean read was asked about
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task InsertBetweenPages_ReadAgainNobodyDeactivatedNoTargetedReads(string provider)
    {
        var (s, ids) = await SyncScenario.StaffedAsync(ThreePages, provider);
        await using var _ = s;
        // The person at 50 is hidden now and reappears after page 2: later records shift back, one comes twice.
        await s.Sandbox.ArmFaultAsync("insert_between_pages", page: 1, position: 50, companyId: s.Personio.Id);

        var run = await s.SyncAsync();
        var counts = await s.Sandbox.RequestCountsAsync();

        Assert.Equal([ids[50]], await s.Sandbox.FaultedEmployeesAsync());
        Assert.Equal((RunState.Succeeded, 0, 250), (run.State, run.Deactivated, run.Read));
        Assert.DoesNotContain(await s.PersonioUsersAsync(), u => u.Status == UserStatus.Deactivated);
        Assert.Contains(await s.StepsAsync(run.Id), st => st.ReasonCode == "read_unsettled" && st.Reason!.English().Contains("duplicate_record"));
        Assert.Equal(1 + 3 + 3, counts[List]);
        Assert.False(counts.ContainsKey(ById));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task EmptyMiddlePageWithALyingTotal_ReadAgainAndNobodyDeactivated(string provider)
    {
        var (s, _) = await SyncScenario.StaffedAsync(ThreePages, provider);
        await using var __ = s;
        // Page 2 answers "no records; 100 in all, 1 page": the list seems to end after page 1.
        await s.Sandbox.ArmFaultAsync("lying_empty_page", page: 1);

        var run = await s.SyncAsync();
        var counts = await s.Sandbox.RequestCountsAsync();

        Assert.Equal((RunState.Succeeded, 0, 0, 250), (run.State, run.Deactivated, run.Held, run.Read));
        Assert.DoesNotContain(await s.PersonioUsersAsync(), u => u.Status == UserStatus.Deactivated);
        Assert.Equal(1 + 2 + 3, counts[List]);
        Assert.False(counts.ContainsKey(ById));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task EmptyMiddlePageWithALyingTotalEveryTime_RunFailsAndNothingChanges(string provider)
    {
        var (s, _) = await SyncScenario.StaffedAsync(ThreePages, provider);
        await using var __ = s;
        await s.Sandbox.ArmFaultAsync("lying_empty_page", page: 1, times: 0);
        var before = await s.DirectoryFootprintAsync();

        var run = await s.SyncAsync();
        var counts = await s.Sandbox.RequestCountsAsync();

        Assert.Equal((RunState.Failed, 0, 0), (run.State, run.Deactivated, run.Held));
        Assert.Contains("empty_page_before_end", run.Reason!.English());
        Assert.Contains("Nothing was changed", run.Reason!.English());
        Assert.Equal(before, await s.DirectoryFootprintAsync());
        Assert.Equal(1 + 3 * 2, counts[List]); // three reads of two pages, then the run gave up
        Assert.False(counts.ContainsKey(ById));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task TotalThatChangesOnOnePage_ReadAgainAndNobodyDeactivated(string provider)
    {
        var (s, _) = await SyncScenario.StaffedAsync(ThreePages, provider);
        await using var __ = s;
        await s.Sandbox.ArmFaultAsync("lying_total", page: 2, totalDelta: -50);

        var run = await s.SyncAsync();

        Assert.Equal((RunState.Succeeded, 0, 250), (run.State, run.Deactivated, run.Read));
        Assert.Equal(1 + 3 + 3, await s.Sandbox.RequestCountAsync(List));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task BodyThatStallsOnce_TimesOutIsRetriedAndTheRunCompletes(string provider)
    {
        var (s, _) = await SyncScenario.StaffedAsync(ThreePages, provider, Timeouts);
        await using var __ = s;
        await s.Sandbox.ArmFaultAsync("stall_body", page: 1, bytes: 200);

        var run = await s.SyncAsync();

        Assert.Equal((RunState.Succeeded, 0, 250), (run.State, run.Deactivated, run.Read));
        Assert.Equal(1 + 3 + 1, await s.Sandbox.RequestCountAsync(List)); // the stalled page once more
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task BodyThatAlwaysStalls_RunFailsInTimeChangesNothingAndReleasesTheCompany(string provider)
    {
        var (s, _) = await SyncScenario.StaffedAsync(ThreePages, provider, Timeouts);
        await using var __ = s;
        await s.Sandbox.ArmFaultAsync("stall_body", page: 1, times: 0, bytes: 200);
        var before = await s.DirectoryFootprintAsync();

        var failed = await s.SyncAsync();
        await s.Sandbox.ClearFaultsAsync();
        var next = await s.SyncAsync(); // the failed run's lease was released

        Assert.Equal(RunState.Failed, failed.State);
        Assert.Contains("did not answer in time on page 2", failed.Reason!.English());
        Assert.Equal(before, await s.DirectoryFootprintAsync());
        Assert.Equal((RunState.Succeeded, 0, 0), (next.State, next.Created, next.Deactivated));
    }

    private static readonly Dictionary<string, string?> Timeouts = new()
    {
        ["Personio:AttemptTimeout"] = "00:00:01", ["Personio:TotalRequestTimeout"] = "00:00:04", ["Personio:MaxRetries"] = "2",
    };
}
