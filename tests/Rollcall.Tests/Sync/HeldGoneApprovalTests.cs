using System.Net;
using Rollcall.Data.Directory;
using Rollcall.Data.Sync;
using Rollcall.Reasons;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Sync;

/// <summary>
/// Users the mass-change guard held as gone were never asked about one by one; an admin's approval asks Personio
/// about each before deactivating anyone, so even a list that lies consistently cannot lock people out.
/// </summary>
public sealed class HeldGoneApprovalTests
{
    private const string ById = "GET /v1/company/employees/{id}";

    [Fact]
    public async Task DeletedInPersonioAndHeld_ApprovalAsksAboutEachAndDeactivatesOn404()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(30, "Sqlite");
        await using var _ = s;
        foreach (var id in ids.Take(5))
        {
            await s.PersonioAsync(HttpMethod.Delete, $"/{id}");
        }

        var held = await s.SyncAsync();
        var askedBeforeApproval = await s.Sandbox.RequestCountAsync(ById);
        var approved = await (await s.Api.PostAsync($"{s.Base}/runs/{held.Id}/approve", null)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal((RunState.NeedsApproval, 5), (held.State, held.Held));
        Assert.Equal(0, askedBeforeApproval);
        Assert.Equal(("succeeded", 5), (approved["state"]!.GetValue<string>(), approved["deactivated"]!.GetValue<int>()));
        Assert.Equal(5, await s.Sandbox.RequestCountAsync(ById));
        Assert.Equal(5, (await s.PersonioUsersAsync()).Count(u => u.Status == UserStatus.Deactivated));
    }

    [Fact]
    public async Task ListThatLiesConsistentlyAboutItsLength_HeldThenApproved_NobodyDeactivated()
    {
        var (s, _) = await SyncScenario.StaffedAsync(250, "Sqlite");
        await using var __ = s;
        // Every page says the company has 100 employees: one full page looks like the whole, consistent list.
        await s.Sandbox.ArmFaultAsync("lying_total", times: 0, totalDelta: -150);

        var held = await s.SyncAsync();
        await s.Sandbox.ClearFaultsAsync();
        var approved = await (await s.Api.PostAsync($"{s.Base}/runs/{held.Id}/approve", null)).ReadJsonAsync(HttpStatusCode.OK);
        var steps = await s.StepsAsync(held.Id);

        Assert.Equal((RunState.NeedsApproval, 150, 100), (held.State, held.Held, held.Read));
        Assert.Equal(0, approved["deactivated"]!.GetValue<int>());
        Assert.DoesNotContain(await s.PersonioUsersAsync(), u => u.Status == UserStatus.Deactivated);
        Assert.Equal(100, await s.Sandbox.RequestCountAsync(ById)); // Sync:MaxConfirmationReads
        Assert.Equal(100, steps.Count(st => st.Status == StepStatus.Dropped && st.Reason!.English().EndsWith("still has this employee when approved: kept)", StringComparison.Ordinal)));
        Assert.Equal(50, steps.Count(st => st.Status == StepStatus.Dropped && st.Reason!.English().Contains("not confirmed by Personio when approved", StringComparison.Ordinal)));
    }
}
