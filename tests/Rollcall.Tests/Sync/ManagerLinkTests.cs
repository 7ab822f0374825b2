using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Audit;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Sync;

/// <summary>
/// A run writes each new user once, with the link to their manager: new supervisors are written before their new
/// reports, whatever order Personio lists them in, and a report is never written pointing at a user that does not
/// exist yet (the database refuses that). Whatever cannot be linked in the batches is mended after them.
/// </summary>
public sealed class ManagerLinkTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ReportsListedBeforeTheirManagers_EachNewUserWrittenOnceWithTheLink(string provider)
    {
        // One step per batch: a report listed first would otherwise be written before its manager exists.
        await using var s = await SyncScenario.ConnectedAsync(new Dictionary<string, string?> { ["Sync:BatchSize"] = "1" }, provider: provider);
        var first = await s.HireAsync("Rita", "Report", "rita@example.test");
        var second = await s.HireAsync("Rolf", "Report", "rolf@example.test");
        var middle = await s.HireAsync("Mia", "Middle", "mia@example.test");
        var top = await s.HireAsync("Tom", "Top", "tom@example.test");
        await PlaceAsync(s, first, middle);
        await PlaceAsync(s, second, middle);
        await PlaceAsync(s, middle, top);

        var run = await s.SyncAsync();
        var users = (await s.PersonioUsersAsync()).ToDictionary(u => u.PersonioEmployeeId!.Value);
        var audit = await s.App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.CompanyId == s.Company.Id && a.CauseKind == ChangeCauseKind.SyncRun).ToListAsync());
        var created = (await s.StepsAsync(run.Id)).Where(st => st.Kind == StepKind.Create).Select(st => st.PersonioEmployeeId!.Value).ToList();

        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal((users[middle].Id, users[middle].Id, users[top].Id, (Guid?)null),
            (users[first].ManagerId, users[second].ManagerId, users[middle].ManagerId, users[top].ManagerId));
        Assert.Equal([top, middle, first, second], created);
        // One audit entry per user, its creation, and it already names the manager: no second write to link them.
        Assert.All(audit, a => Assert.Equal(AuditActions.UserCreated, a.Action));
        Assert.Equal(users.Values.Select(u => u.Id).Order(), audit.Select(a => a.UserId).Order());
        Assert.Equal(users[middle].Id.ToString(), audit.Single(a => a.UserId == users[first].Id).Changes.Single(c => c.Field == "manager").After);
    }

    [Fact]
    public async Task ManagerCreatedInALaterBatchThroughALoop_LinkedAfterTheBatches()
    {
        // A loop of supervisors has no first member: one of the two is written before the other exists, and is linked
        // by the pass after the batches, in an audited update.
        await using var s = await SyncScenario.ConnectedAsync(new Dictionary<string, string?> { ["Sync:BatchSize"] = "1" });
        var anna = await s.HireAsync("Anna", "Alpha", "anna@example.test");
        var ben = await s.HireAsync("Ben", "Beta", "ben@example.test");
        await PlaceAsync(s, anna, ben);
        await PlaceAsync(s, ben, anna);

        var run = await s.SyncAsync();
        var (annaUser, benUser) = (await s.UserOfAsync(anna), await s.UserOfAsync(ben));
        var updates = await s.App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.CompanyId == s.Company.Id && a.Action == AuditActions.UserUpdated).Select(a => a.UserId).ToListAsync());

        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal((benUser.Id, annaUser.Id), (annaUser.ManagerId, benUser.ManagerId));
        Assert.Single(updates);
    }

    private static async Task PlaceAsync(SyncScenario s, long employee, long supervisor) =>
        await s.PersonioAsync(HttpMethod.Patch, $"/{employee}", new { supervisor_id = supervisor });
}
