using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Directory;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;
using static Rollcall.Tests.Explorer.ExplorerKit;

namespace Rollcall.Tests.Explorer;

/// <summary>
/// When the explorer's rows are written: after every real run, only the rows whose shown content changed (a quiet
/// night writes none), never by a preview; rows of people gone from Personio go only on proof or when they have no user.
/// </summary>
public sealed class DecisionWritesTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task UnchangedSync_WritesNoRow_AChangedPersonGetsANewVersion(string provider)
    {
        await using var s = await SyncScenario.StartAsync(provider: provider);
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        var ids = await s.HireManyAsync(4);
        var external = await s.HireAsync("Xaver", "Extern", "xaver@example.test", type: "external");
        var first = await s.SyncAsync();
        var afterFirst = await RowsAsync(s);

        var second = await s.SyncAsync();
        var afterSecond = await RowsAsync(s);
        await s.PersonioAsync(HttpMethod.Patch, $"/{ids[1]}", new { last_name = "Neuname" });
        var third = await s.SyncAsync();
        var afterThird = await RowsAsync(s);

        Assert.Equal((RunState.Succeeded, RunState.Succeeded, RunState.Succeeded), (first.State, second.State, third.State));
        Assert.Equal(5, afterFirst.Count);
        Assert.All(afterFirst, row => Assert.Equal(first.Id, row.RunId));
        Assert.Equal(afterFirst.Select(Version), afterSecond.Select(Version)); // nothing written by the second run
        var renamed = afterThird.Single(r => r.PersonioEmployeeId == ids[1]);
        Assert.Equal((third.Id, "Person2 Neuname"), (renamed.RunId, renamed.Name));
        Assert.Contains("NEUNAME", renamed.SearchText);
        Assert.All(afterThird.Where(r => r.PersonioEmployeeId != ids[1]), row => Assert.Equal(first.Id, row.RunId));
        Assert.Equal(PersonOutcome.NotUser, afterThird.Single(r => r.PersonioEmployeeId == external).Outcome);
    }

    [Fact]
    public async Task DryRun_WritesNoRow()
    {
        await using var s = await SyncScenario.ConnectedAsync();
        await s.HireManyAsync(3);

        var preview = await s.SyncAsync(dryRun: true);

        Assert.Equal(RunState.Previewed, preview.State);
        Assert.Empty(await RowsAsync(s));
    }

    [Fact]
    public async Task GoneConfirmed_RowDeleted_PersonWithoutAUserDeletedToo()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(10);
        await using var _ = s;
        var external = await s.HireAsync("Xaver", "Extern", "xaver@example.test", type: "external");
        await s.SyncAsync();
        await s.PersonioAsync(HttpMethod.Delete, $"/{ids[0]}");
        await s.PersonioAsync(HttpMethod.Delete, $"/{external}");

        var run = await s.SyncAsync();
        var rows = await RowsAsync(s);

        Assert.Equal(1, run.Deactivated);
        Assert.Equal(UserStatus.Deactivated, (await s.UserOfAsync(ids[0])).Status);
        Assert.DoesNotContain(rows, r => r.PersonioEmployeeId == ids[0] || r.PersonioEmployeeId == external);
        Assert.Equal(9, rows.Count);
    }

    [Fact]
    public async Task MissingButNotConfirmed_RowKept()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(10, settings: new Dictionary<string, string?> { ["Sync:MaxConfirmationReads"] = "0" });
        await using var _ = s;
        await s.PersonioAsync(HttpMethod.Delete, $"/{ids[0]}");

        var run = await s.SyncAsync();
        var kept = (await RowsAsync(s)).Single(r => r.PersonioEmployeeId == ids[0]);

        Assert.Equal((0, 1), (run.Deactivated, run.Warnings));
        Assert.Equal((PersonOutcome.User, (await s.UserOfAsync(ids[0])).Id), (kept.Outcome, kept.UserId));
    }

    [Fact]
    public async Task GuardTripped_RowsStillWritten_HeldPeopleAreLeaving()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(4);
        await using var _ = s;

        var held = await s.HeldRunAsync(ids.Take(3));
        var rows = await RowsAsync(s);

        Assert.Equal(RunState.NeedsApproval, held.State);
        Assert.All(rows.Where(r => ids.Take(3).Contains(r.PersonioEmployeeId)), r =>
            Assert.Equal((PersonOutcome.Leaving, "inactive", held.Id), (r.Outcome, r.ReasonCode, r.RunId)));
        Assert.Equal(PersonOutcome.User, rows.Single(r => r.PersonioEmployeeId == ids[3]).Outcome);
    }

    [Fact]
    public async Task UserCreatedInTheRun_RowCarriesItsId()
    {
        await using var s = await SyncScenario.ConnectedAsync();
        var id = await s.HireAsync("Anna", "Active", "anna@example.test");

        await s.SyncAsync();
        var row = Assert.Single(await RowsAsync(s));

        Assert.Equal((await s.UserOfAsync(id)).Id, row.UserId);
        Assert.Equal($"ANNA ACTIVE ANNA@EXAMPLE.TEST #{id}", row.SearchText);
        Assert.Equal(("active", "internal"), (row.Status, row.EmploymentType));
        Assert.NotNull(row.LegalEntityId);
        Assert.NotNull(row.DepartmentName);
    }

    private static (long, Guid, DateTime) Version(PersonDecision row) => (row.PersonioEmployeeId, row.RunId, row.DecidedAt);
}
