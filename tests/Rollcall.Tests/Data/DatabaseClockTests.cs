using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Rollcall.Data;
using Rollcall.Data.Sync;
using Rollcall.Mail;
using Rollcall.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Data;

/// <summary>
/// Nodes on one PostgreSQL database whose clocks disagree by hours: leases and mail claims are judged by the database's
/// clock, so the nodes never both hold a company's lease or both claim a message, and a lapsed one is taken over.
/// </summary>
public sealed class DatabaseClockTests
{
    private static readonly TimeSpan Hours = TimeSpan.FromHours(5);

    [Fact]
    public async Task NodesHoursApart_NeverBothHoldACompanysLease_AndALapsedLeaseIsTakenOverByEither()
    {
        await using var database = await TestDatabase.PostgresAsync();
        await using var s = await SyncScenario.ConnectedAsync(database: database);
        await using var ahead = Node(s, database, Hours);
        await using var behind = Node(s, database, -Hours);

        var first = await BeginAsync(s.App, s.Company.Id);
        var aheadMeanwhile = await BeginAsync(ahead, s.Company.Id);
        var behindMeanwhile = await BeginAsync(behind, s.Company.Id);
        await LapseLeasesAsync(s.App);
        var behindTakesOver = await BeginAsync(behind, s.Company.Id);
        var aheadAfter = await BeginAsync(ahead, s.Company.Id);

        Assert.True(first);
        Assert.False(aheadMeanwhile, "a node hours ahead took a lease the database's clock says is held");
        Assert.False(behindMeanwhile);
        Assert.True(behindTakesOver, "a node hours behind did not take a lease the database's clock says has lapsed");
        Assert.False(aheadAfter);
    }

    [Fact]
    public async Task NodesHoursApart_NeverBothClaimAMessage_AndLapsedClaimsGoToEither()
    {
        await using var database = await TestDatabase.PostgresAsync();
        await using var s = await SyncScenario.ConnectedAsync(database: database);
        await s.HireManyAsync(3);
        await s.SyncAsync();
        await using var ahead = Node(s, database, Hours);
        await using var behind = Node(s, database, -Hours);

        var here = await ClaimAsync(s.App, "here");
        var aheadMeanwhile = await ClaimAsync(ahead, "ahead");
        await LapseClaimsAsync(s.App);
        var behindAfterTheLapse = await ClaimAsync(behind, "behind");
        var aheadAfter = await ClaimAsync(ahead, "ahead");
        var claimedBy = await s.App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Select(m => m.ClaimedBy).ToListAsync());

        Assert.Equal(3, here);
        Assert.Equal(0, aheadMeanwhile);
        Assert.Equal(3, behindAfterTheLapse);
        Assert.Equal(0, aheadAfter);
        Assert.All(claimedBy, c => Assert.Equal("behind", c));
    }

    /// <summary>A second Rollcall on the scenario's database and sandbox whose clock is <paramref name="offset"/> off.</summary>
    private static RollcallApp Node(SyncScenario s, TestDatabase database, TimeSpan offset) => RollcallApp.Start(database, new Dictionary<string, string?>
    {
        ["Personio:BaseUrl"] = s.Sandbox.BaseUrl.ToString(),
        ["Sync:ScheduleNightlyRuns"] = "false",
    }, ownsDatabase: false, clock: new FakeTimeProvider(TimeProvider.System.GetUtcNow() + offset));

    private static async Task<bool> BeginAsync(RollcallApp node, Guid companyId)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<SyncEngine>().BeginAsync(companyId, SyncTrigger.Manual, false, CancellationToken.None)).Value is not null;
    }

    private static async Task<int> ClaimAsync(RollcallApp node, string claim)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<MailDispatcher>().ClaimAsync(claim, CancellationToken.None)).Count;
    }

    /// <summary>A minute ago by the database's own clock: a lease or claim that ended then, as if its holder had died.</summary>
    private static async Task<DateTime?> MinuteAgoAsync(RollcallDbContext db) =>
        (await new DatabaseClock(db).UtcNowAsync(CancellationToken.None)).AddMinutes(-1);

    private static Task<int> LapseLeasesAsync(RollcallApp node) => node.WithDbAsync(async db =>
    {
        var lapsed = await MinuteAgoAsync(db);
        return await db.PersonioIntegrations.Where(i => i.LeaseUntil != null).ExecuteUpdateAsync(u => u.SetProperty(i => i.LeaseUntil, lapsed));
    });

    private static Task<int> LapseClaimsAsync(RollcallApp node) => node.WithDbAsync(async db =>
    {
        var lapsed = await MinuteAgoAsync(db);
        return await db.OutboxMessages.Where(m => m.ClaimedUntil != null).ExecuteUpdateAsync(u => u.SetProperty(m => m.ClaimedUntil, lapsed));
    });
}
