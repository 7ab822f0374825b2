using System.Net;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Overview;

/// <summary><c>GET /api/companies/{id}/trends</c>: the page's numbers as JSON, 30 or 90 days, anything else a clear 400.</summary>
public sealed class TrendsApiTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Trends_ByLocalDay_UsersRunsAndRequests()
    {
        await using var kit = await OverviewKit.StartAsync(Now, "Pacific/Auckland");
        var run = await kit.AddRunAsync(RunState.Failed, new DateTime(2026, 6, 14, 12, 30, 0, DateTimeKind.Utc), users: (7, 2, 1), requests: 30, throttled: 4); // the 15th there
        var api = kit.App.ApiClient(kit.Company.ApiKey);

        var thirty = await (await api.GetAsync($"/api/companies/{kit.Company.Id}/trends")).ReadJsonAsync(HttpStatusCode.OK);
        var ninety = await (await api.GetAsync($"/api/companies/{kit.Company.Id}/trends?days=90")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal((30, "Pacific/Auckland", "2026-05-17", "2026-06-15"),
            (thirty["days"]!.GetValue<int>(), thirty["timeZone"]!.GetValue<string>(), thirty["from"]!.GetValue<string>(), thirty["to"]!.GetValue<string>()));
        var users = thirty["users"]!.AsArray();
        Assert.Equal(30, users.Count);
        Assert.Null(users[28]!["active"]);
        Assert.Equal(("2026-06-15", 7, 2, 1), (users[29]!["day"]!.GetValue<string>(), users[29]!["active"]!.GetValue<int>(), users[29]!["invited"]!.GetValue<int>(),
            users[29]!["deactivated"]!.GetValue<int>()));
        Assert.Equal(1, thirty["runs"]!.AsArray()[29]!["failed"]!.GetValue<int>());
        var requests = Assert.Single(thirty["requests"]!.AsArray())!;
        Assert.Equal((run.Id.ToString(), "failed", 30, 4), (requests["runId"]!.GetValue<string>(), requests["state"]!.GetValue<string>(), requests["requests"]!.GetValue<int>(),
            requests["throttled"]!.GetValue<int>()));
        Assert.False(thirty["requestsCut"]!.GetValue<bool>());
        Assert.Equal(("2026-03-18", 90), (ninety["from"]!.GetValue<string>(), ninety["users"]!.AsArray().Count));
    }

    [Theory]
    [InlineData("7")]
    [InlineData("abc")]
    [InlineData("-30")]
    [InlineData("")]
    public async Task Trends_OtherWindow_ClearProblem(string days)
    {
        await using var kit = await OverviewKit.StartAsync(Now);

        var problem = await (await kit.App.ApiClient(kit.Company.ApiKey).GetAsync($"/api/companies/{kit.Company.Id}/trends?days={days}")).ReadJsonAsync(HttpStatusCode.BadRequest);

        Assert.Equal("invalid_trend_days", problem["code"]!.GetValue<string>());
        Assert.Equal("days must be one of 30, 90.", problem["detail"]!.GetValue<string>());
    }
}
