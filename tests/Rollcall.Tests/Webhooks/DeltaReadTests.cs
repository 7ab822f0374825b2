using System.Net;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Webhooks;

/// <summary>
/// Delta reads, for companies without webhook events: every interval, only the persons Personio lists as updated since
/// the last bound are read; the bound is Personio's own <c>updated_at</c>.
/// </summary>
public sealed class DeltaReadTests
{
    private const string List = "GET /v2/persons";

    [Fact]
    public async Task DeltaRead_PicksUpAChangeMadeAfterTheLastOne_AndOnlyThatPerson()
    {
        var s = await SyncScenario.StartAsync(rollcallOnTheSameClock: true, settings: new Dictionary<string, string?> { ["Sync:DeltaInterval"] = "00:05:00" });
        await using var _ = s;
        var ids = await s.StaffAsync(30);
        s.Clock.Advance(TimeSpan.FromHours(1));
        await s.SyncAsync(); // a full read an hour after the hires: the delta path starts from it (less its overlap)
        s.Clock.Advance(TimeSpan.FromMinutes(10));
        await s.PersonioAsync(HttpMethod.Put, $"/{ids[4]}/email", new { email = "first.change@example.test" });
        await s.Sandbox.ResetRequestCountsAsync();

        var first = await s.App.RunDeltaReadsAsync();
        var firstRequests = await s.Sandbox.DataRequestsAsync();
        var notYetDue = await s.App.RunDeltaReadsAsync();
        s.Clock.Advance(TimeSpan.FromMinutes(6));
        await s.PersonioAsync(HttpMethod.Patch, $"/{ids[9]}", new { last_name = "Zweite" });
        var second = await s.App.RunDeltaReadsAsync();

        Assert.Equal((1, 0, 1), (first, notYetDue, second));
        var runs = await s.RunsAsync(SyncTrigger.Delta);
        Assert.Equal([(RunState.Succeeded, 1, 1), (RunState.Succeeded, 1, 1)], runs.Select(r => (r.State, r.Targeted ?? 0, r.Updated)));
        Assert.Equal("first.change@example.test", (await s.UserOfAsync(ids[4])).Email);
        Assert.Equal("Zweite", (await s.UserOfAsync(ids[9])).LastName);
        Assert.Equal(4, firstRequests.Values.Sum()); // the list, the attribute list, the person and its employment
        Assert.Equal(1, firstRequests[List]);
        var bound = await s.App.WithDbAsync(db => db.PersonioIntegrations.Where(i => i.CompanyId == s.Company.Id).Select(i => i.DeltaReadUntil).SingleAsync());
        Assert.Equal(s.Clock.GetUtcNow().UtcDateTime, bound!.Value, TimeSpan.FromSeconds(1)); // Personio's updated_at of the last change
    }

    [Fact]
    public async Task DeltaRead_NotForACompanyWithARegisteredWebhook_NorWhenOff()
    {
        var s = await SyncScenario.StartAsync(rollcallOnTheSameClock: true, settings: new Dictionary<string, string?> { ["Sync:DeltaInterval"] = "00:05:00" });
        await using var _ = s;
        await s.StaffAsync(3);
        await s.App.WithDbAsync(db => db.PersonioIntegrations.Where(i => i.CompanyId == s.Company.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.WebhookId, "wh_1")));

        Assert.Equal(0, await s.App.RunDeltaReadsAsync());
        Assert.Empty(await s.RunsAsync(SyncTrigger.Delta));
    }
}
