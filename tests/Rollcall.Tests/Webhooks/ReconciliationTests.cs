using System.Net;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Webhooks;

/// <summary>The full read is the safety net: while events are in use, what it changes is drift the event path missed.</summary>
public sealed class ReconciliationTests
{
    [Fact]
    public async Task ChangeWithoutAnEvent_CorrectedByTheNextFullRead_WithCorrectionsOne()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(20, settings: new Dictionary<string, string?> { ["Webhooks:QuietPeriod"] = "00:00:00" });
        await using var _ = s;
        var beforeEvents = await s.SyncAsync();
        var hired = await s.HireAsync("Emil", "Event", "emil@example.test");
        await s.RecordAsync("person.created", hired);
        await s.App.ProcessEventsAsync();
        await s.PersonioAsync(HttpMethod.Patch, $"/{ids[6]}", new { last_name = "Ohneereignis" }); // no event reaches Rollcall

        var full = await s.SyncAsync();
        var quiet = await s.SyncAsync();

        Assert.Null(beforeEvents.Corrections); // no event or delta path in use yet
        Assert.Equal(1, full.Corrections); // the hire's org unit names filled in by the full read are no drift
        Assert.Equal("Ohneereignis", (await s.UserOfAsync(ids[6])).LastName);
        Assert.Null(quiet.Corrections); // no event or delta run since the previous full read
        var json = await (await s.Api.GetAsync($"{s.Base}/runs/{full.Id}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, json["corrections"]!.GetValue<int>());
        var webhookRun = await (await s.Api.GetAsync($"{s.Base}/runs/{(await s.RunsAsync(SyncTrigger.Webhook)).Single().Id}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(("webhook", 1), (webhookRun["trigger"]!.GetValue<string>().ToLowerInvariant(), webhookRun["targeted"]!.GetValue<int>()));
        Assert.Null(webhookRun["corrections"]);
    }
}
