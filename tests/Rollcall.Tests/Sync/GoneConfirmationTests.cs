using Rollcall.Data.Directory;
using Rollcall.Data.Sync;
using Rollcall.Reasons;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Sync;

/// <summary>
/// A user is deactivated as "gone" only on Personio's word about that person: a targeted read per user missing from
/// the list, capped per run, and none at all when the mass-change guard holds the run anyway.
/// </summary>
public sealed class GoneConfirmationTests
{
    private const string ById = "GET /v1/company/employees/{id}";

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task DeletedInPersonio_ConfirmedBy404AndDeactivated(string provider)
    {
        var (s, ids) = await SyncScenario.StaffedAsync(30, provider);
        await using var _ = s;
        await s.PersonioAsync(HttpMethod.Delete, $"/{ids[3]}");

        var run = await s.SyncAsync();

        Assert.Equal((RunState.Succeeded, 1), (run.State, run.Deactivated));
        Assert.Equal(UserStatus.Deactivated, (await s.UserOfAsync(ids[3])).Status);
        Assert.Equal(1, await s.Sandbox.RequestCountAsync(ById));
        Assert.Equal(1, await s.Sandbox.RequestCountAsync("GET /v1/company/employees") - 1); // the access check and one page
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task MissingButPersonioFailsWhenAsked_KeptWithAWarningAndDeactivatedOnceConfirmed(string provider)
    {
        var (s, ids) = await SyncScenario.StaffedAsync(30, provider, new Dictionary<string, string?> { ["Personio:MaxRetries"] = "1" });
        await using var _ = s;
        await s.PersonioAsync(HttpMethod.Delete, $"/{ids[3]}");
        await s.Sandbox.ArmFaultAsync("server_error", path: $"/v1/company/employees/{ids[3]}", times: 0, statusCode: 503);

        var kept = await s.SyncAsync();
        var warning = Assert.Single(await s.StepsAsync(kept.Id), st => st.ReasonCode == "gone_unconfirmed");
        var whileUnanswered = (await s.UserOfAsync(ids[3])).Status;
        await s.Sandbox.ClearFaultsAsync();
        var confirmed = await s.SyncAsync();

        Assert.Equal((RunState.Succeeded, 0, 1), (kept.State, kept.Deactivated, kept.Warnings));
        Assert.Equal((StepKind.Warn, ids[3]), (warning.Kind, warning.PersonioEmployeeId));
        Assert.Equal(UserStatus.Invited, whileUnanswered);
        Assert.Equal((RunState.Succeeded, 1), (confirmed.State, confirmed.Deactivated));
        Assert.Equal(UserStatus.Deactivated, (await s.UserOfAsync(ids[3])).Status);
    }

    [Fact]
    public async Task MissingAndA404ThatIsNotPersonios_KeptWithAWarning()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(30, "Sqlite");
        await using var _ = s;
        await s.PersonioAsync(HttpMethod.Delete, $"/{ids[3]}");
        await s.Sandbox.ArmFaultAsync("bare_not_found", path: $"/v1/company/employees/{ids[3]}", times: 0);

        var run = await s.SyncAsync();

        Assert.Equal((RunState.Succeeded, 0), (run.State, run.Deactivated));
        Assert.Equal(UserStatus.Invited, (await s.UserOfAsync(ids[3])).Status);
        Assert.Contains(await s.StepsAsync(run.Id), st => st.ReasonCode == "gone_unconfirmed" && st.PersonioEmployeeId == ids[3]);
        Assert.Equal(1, await s.Sandbox.RequestCountAsync(ById)); // a 404 is not retried: asked once
    }

    [Fact]
    public async Task MoreMissingThanTheRunMayAskAbout_TheRestKeptUntilTheNextRun()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(30, "Sqlite", new Dictionary<string, string?> { ["Sync:MaxConfirmationReads"] = "1" });
        await using var _ = s;
        await s.PersonioAsync(HttpMethod.Delete, $"/{ids[3]}");
        await s.PersonioAsync(HttpMethod.Delete, $"/{ids[4]}");

        var first = await s.SyncAsync();
        var firstAsked = await s.Sandbox.RequestCountAsync(ById);
        var notAsked = Assert.Single(await s.StepsAsync(first.Id), st => st.ReasonCode == "gone_unconfirmed");
        var second = await s.SyncAsync();

        Assert.Equal((1, 1), (first.Deactivated, firstAsked));
        Assert.Equal(ids[4], notAsked.PersonioEmployeeId); // lowest ids are asked about first
        Assert.Equal("gone_unconfirmed.not_asked", notAsked.Reason!.Key);
        Assert.Equal(1, second.Deactivated);
        Assert.Equal(2, await s.Sandbox.RequestCountAsync(ById));
        Assert.All([ids[3], ids[4]], async id => Assert.Equal(UserStatus.Deactivated, (await s.UserOfAsync(id)).Status));
    }

    [Fact]
    public async Task ManyMissing_HeldByTheGuardWithoutAskingAboutEachOne()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(30, "Sqlite");
        await using var _ = s;
        foreach (var id in ids.Take(5))
        {
            await s.PersonioAsync(HttpMethod.Delete, $"/{id}");
        }

        var run = await s.SyncAsync();

        Assert.Equal((RunState.NeedsApproval, 5, 0), (run.State, run.Held, run.Deactivated));
        Assert.Equal(0, await s.Sandbox.RequestCountAsync(ById));
        Assert.DoesNotContain(await s.PersonioUsersAsync(), u => u.Status == UserStatus.Deactivated);
    }

    [Fact]
    public async Task ListMovesDuringEveryRead_LastReadCompletedByAskingWhomItMissed()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(250, "Sqlite");
        await using var _ = s;
        // After page 2 of every read the person at 10 is deleted: reads 1-3 miss the people at 200, 201 and 202 (who
        // slid onto page 2), and the last read also lacks 10 and 11, deleted during the earlier reads.
        await s.Sandbox.ArmFaultAsync("delete_between_pages", page: 1, position: 10, times: 0);

        var run = await s.SyncAsync();
        var steps = await s.StepsAsync(run.Id);
        var faulted = await s.Sandbox.FaultedEmployeesAsync();
        var askedByTheRun = await s.Sandbox.RequestCountAsync(ById);
        await s.Sandbox.ClearFaultsAsync();
        var next = await s.SyncAsync();

        Assert.Equal([ids[10], ids[11], ids[12]], faulted);
        Assert.Equal((RunState.Succeeded, 248, 2), (run.State, run.Read, run.Deactivated));
        Assert.Contains(steps, st => st.ReasonCode == "read_unsettled" && st.Reason!.English().Contains("asking about 3 employees"));
        Assert.Equal([ids[10], ids[11]], steps.Where(st => st.Kind == StepKind.Deactivate).Select(st => st.PersonioEmployeeId!.Value).Order());
        Assert.Equal(3 + 2, askedByTheRun); // 10, 11 and 202 by the read; 10 and 11 again before deactivating
        Assert.All((await s.PersonioUsersAsync()).Where(u => !new[] { ids[10], ids[11], ids[12] }.Contains(u.PersonioEmployeeId!.Value)),
            u => Assert.Equal(UserStatus.Invited, u.Status));
        Assert.Equal((RunState.Succeeded, 1), (next.State, next.Deactivated)); // 12 was read before it was deleted; now it is gone
    }

    [Fact]
    public async Task V2ReadPath_DeletedPersonConfirmedThroughV2()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(12, "Sqlite", new Dictionary<string, string?> { ["Personio:FullReadPath"] = "V2" });
        await using var _ = s;
        await s.PersonioAsync(HttpMethod.Delete, $"/{ids[3]}");

        var run = await s.SyncAsync();
        var counts = await s.Sandbox.RequestCountsAsync();

        Assert.Equal((RunState.Succeeded, 1), (run.State, run.Deactivated));
        Assert.Equal(1, counts["GET /v2/persons/{id}"]);
        Assert.False(counts.ContainsKey(ById));
    }
}
