using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Audit;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Sync;

/// <summary>
/// The cheap comparisons of an unchanged night must still find every change: a user edited while Personio's list is
/// read is planned against as edited, and explorer rows compare by fingerprint.
/// </summary>
public sealed class NoChangeComparisonTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task OneFieldChangedAmongMany_IsFoundAndOnlyItIsWritten(string provider)
    {
        var (s, ids) = await SyncScenario.StaffedAsync(150, provider: provider);
        await using var _ = s;
        var first = await s.SyncAsync();
        var rowsBefore = await RowsAsync(s);
        await s.PersonioAsync(HttpMethod.Patch, $"/{ids[123]}", new { last_name = "Neuname" });

        var second = await s.SyncAsync();
        var rowsAfter = await RowsAsync(s);

        Assert.Equal((RunState.Succeeded, RunState.Succeeded), (first.State, second.State));
        Assert.Equal((1, 0, 0), (second.Updated, second.Created, second.Deactivated));
        Assert.Equal("Neuname", (await s.UserOfAsync(ids[123])).LastName);
        var changed = rowsAfter.Where(r => rowsBefore[r.Key] != r.Value).Select(r => r.Key).ToList();
        Assert.Equal([ids[123]], changed); // only the changed person's explorer row was written again
    }

    [Fact]
    public async Task UserChangedWhileTheListIsRead_IsPlannedAsItIsAfterTheChange()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(150);
        await using var _ = s;
        await s.SyncAsync();
        var user = await s.UserOfAsync(ids[7]);
        // The second page waits on the sandbox's (fake) clock, so the run is mid-read while the user is edited.
        await s.Sandbox.ArmFaultAsync("delay", page: 1, delayMs: 3000, path: "/v1/company/employees"); // pages count from 0
        await s.Sandbox.ResetRequestCountsAsync();

        var running = s.SyncAsync();
        await WaitForSecondPageAsync(s);
        await s.App.WithDbAsync(async db =>
        {
            db.Cause = ChangeCause.System("test: an admin edits the user while the run reads");
            var stored = await db.DirectoryUsers.SingleAsync(u => u.Id == user.Id);
            stored.FirstName = "Edited";
            await db.SaveChangesAsync();
            return 0;
        });
        var run = await ReleaseTheReadAsync(s, running);

        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal(1, run.Updated); // compared with the edited user, not the one loaded before the edit
        Assert.Equal(user.FirstName, (await s.UserOfAsync(ids[7])).FirstName);
    }

    /// <summary>Moves the sandbox's clock on until the held page is answered and the run ends (the page's timer may not be set yet at first).</summary>
    private static async Task<SyncRun> ReleaseTheReadAsync(SyncScenario s, Task<SyncRun> running)
    {
        for (var i = 0; i < 600 && !running.IsCompleted; i++)
        {
            s.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(running, Task.Delay(100, TestContext.Current.CancellationToken));
        }

        return await running.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
    }

    private static async Task WaitForSecondPageAsync(SyncScenario s)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromMinutes(1));
        while ((await s.Sandbox.RequestCountsAsync()).Where(c => c.Key.Contains("/v1/company/employees", StringComparison.Ordinal) && !c.Key.Contains('{', StringComparison.Ordinal) && !c.Key.Contains("attributes", StringComparison.Ordinal))
                   .Sum(c => c.Value) < 3) // the access check's one-record list, then pages 1 and 2
        {
            await Task.Delay(50, bound.Token);
        }
    }

    private static Task<Dictionary<long, (Guid RunId, string? Name)>> RowsAsync(SyncScenario s) => s.App.WithDbAsync(db =>
        db.PersonDecisions.AsNoTracking().Where(d => d.CompanyId == s.Company.Id)
            .ToDictionaryAsync(d => d.PersonioEmployeeId, d => (d.RunId, d.Name)));
}
