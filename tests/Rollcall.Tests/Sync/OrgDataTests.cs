using System.Net;
using System.Text.Json.Nodes;
using Rollcall.Data.Outbox;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Sync;

/// <summary>
/// Where people sit, read in the same requests as today: legal entity, office, department, team, cost centers with
/// weights and the manager (the supervisor's user), shown by the API, filtered on, audited and diffed; a supervisor
/// who is no user, a loop of supervisors and an attribute the credential cannot read are reported, never fatal.
/// </summary>
public sealed class OrgDataTests
{
    [Fact]
    public async Task FirstSync_UsersCarryOrgDataAndTheirManager_TheListFiltersByThem()
    {
        await using var s = await SyncScenario.ConnectedAsync();
        var boss = await s.HireAsync("Berta", "Boss", "berta@example.test");
        var report = await s.HireAsync("Rudi", "Report", "rudi@example.test");
        await PlaceAsync(s, boss, new { legal_entity_id = 7702, department_id = 2802, cost_centers = new[] { new { id = 8202, weight = 60 }, new { id = 8201, weight = 40 } } });
        await PlaceAsync(s, report, new { legal_entity_id = 7702, department_id = 2802, supervisor_id = boss });
        await s.HireAsync("Otto", "Other", "otto@example.test");

        var run = await s.SyncAsync();
        var users = await UsersAsync(s);
        var (bossUser, reportUser) = (users.Single(u => Email(u) == "berta@example.test"), users.Single(u => Email(u) == "rudi@example.test"));
        var inEntity = await UsersAsync(s, "?legalEntity=7702");
        var reports = await UsersAsync(s, $"?managerId={Id(bossUser)}");
        var byCostCenter = await UsersAsync(s, "?costCenter=8202");
        var audit = await (await s.Api.GetAsync($"/api/companies/{s.Company.Id}/users/{Id(reportUser)}/audit")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(RunState.Succeeded, run.State);
        var org = bossUser["organisation"]!;
        Assert.Equal("7702", org["legalEntity"]!["id"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(org["legalEntity"]!["name"]?.GetValue<string>()));
        Assert.Equal("2802", org["department"]!["id"]!.GetValue<string>());
        Assert.NotNull(org["office"]);
        Assert.Equal(["8202:60", "8201:40"], org["costCenters"]!.AsArray().Select(c => $"{c!["id"]}:{c["weight"]}"));
        Assert.Equal("8202", org["primaryCostCenterId"]!.GetValue<string>());
        Assert.Null(org["manager"]);
        Assert.Equal(Id(bossUser), reportUser["organisation"]!["manager"]!["id"]!.GetValue<string>());
        Assert.Equal("Berta Boss", reportUser["organisation"]!["manager"]!["name"]!.GetValue<string>());
        Assert.Equal(["berta@example.test", "rudi@example.test"], inEntity.Select(Email).Order());
        Assert.Equal(["rudi@example.test"], reports.Select(Email));
        Assert.Equal(["berta@example.test"], byCostCenter.Select(Email));
        var changes = audit["items"]!.AsArray().SelectMany(e => e!["changes"]!.AsArray()).Select(c => c!["field"]!.GetValue<string>()).ToList();
        Assert.Contains("manager", changes);
        Assert.Contains("legalEntity", changes);
        Assert.DoesNotContain(await s.StepsAsync(run.Id), st => st.Kind == StepKind.Warn);
    }

    [Fact]
    public async Task PersonMovesDepartment_UpdatedWithTheDiffAndTheAuditEntry()
    {
        await using var s = await SyncScenario.ConnectedAsync();
        var mover = await s.HireAsync("Mona", "Mover", "mona@example.test");
        await s.SyncAsync();
        await PlaceAsync(s, mover, new { department_id = 2803, team_id = 0, cost_centers = Array.Empty<object>() });

        var run = await s.SyncAsync();
        var step = Assert.Single(await s.StepsAsync(run.Id), st => st.Kind == StepKind.Update);
        var user = await s.UserOfAsync(mover);

        Assert.Equal(1, run.Updated);
        Assert.Equal(["costCenters", "department", "team"], step.Changes.Select(c => c.Field).Order());
        Assert.Null(step.Changes.Single(c => c.Field == "team").After);
        Assert.Equal(("2803", null), (user.DepartmentId, user.TeamId));
        Assert.Empty(user.CostCenters);
        Assert.Null(user.PrimaryCostCenterId);
    }

    [Fact]
    public async Task SupervisorIsExternal_ManagerEmpty_WarningNamesThePerson()
    {
        await using var s = await SyncScenario.ConnectedAsync();
        var contractor = await s.HireAsync("Xaver", "Extern", "xaver@example.test", type: "external");
        var report = await s.HireAsync("Rudi", "Report", "rudi@example.test");
        await PlaceAsync(s, report, new { supervisor_id = contractor });

        var run = await s.SyncAsync();
        var warning = Assert.Single(await s.StepsAsync(run.Id), st => st.Kind == StepKind.Warn);
        var user = await s.UserOfAsync(report);

        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal(("manager_not_user", report), (warning.ReasonCode, warning.PersonioEmployeeId));
        Assert.Contains($"Xaver Extern (#{contractor})", Rollcall.Reasons.ReasonCatalog.English(warning.Reason!));
        Assert.Equal((contractor, (Guid?)null), (user.SupervisorEmployeeId, user.ManagerId));
    }

    [Fact]
    public async Task ManagerLeaves_ReportsLoseTheLinkWithAWarning()
    {
        await using var s = await SyncScenario.ConnectedAsync();
        var boss = await s.HireAsync("Berta", "Boss", "berta@example.test");
        var report = await s.HireAsync("Rudi", "Report", "rudi@example.test");
        await PlaceAsync(s, report, new { supervisor_id = boss });
        await s.SyncAsync();
        var linked = (await s.UserOfAsync(report)).ManagerId;
        await s.PersonioAsync(HttpMethod.Post, $"/{boss}/terminate", new { termination_date = s.Today(-1) });

        var run = await s.SyncAsync();

        Assert.Equal((await s.UserOfAsync(boss)).Id, linked);
        Assert.Equal(1, run.Deactivated);
        Assert.Null((await s.UserOfAsync(report)).ManagerId);
        Assert.Contains(await s.StepsAsync(run.Id), st => st.ReasonCode == "manager_not_user" && st.PersonioEmployeeId == report);
    }

    [Fact]
    public async Task SupervisorsInALoop_ReportedOnce_RunCompletesAndLinksBoth()
    {
        await using var s = await SyncScenario.ConnectedAsync();
        var anna = await s.HireAsync("Anna", "Alpha", "anna@example.test");
        var ben = await s.HireAsync("Ben", "Beta", "ben@example.test");
        await PlaceAsync(s, anna, new { supervisor_id = ben });
        await PlaceAsync(s, ben, new { supervisor_id = anna });

        var run = await s.SyncAsync();
        var loop = Assert.Single(await s.StepsAsync(run.Id), st => st.ReasonCode == "supervisor_cycle");

        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal(Math.Min(anna, ben), loop.PersonioEmployeeId);
        Assert.Contains($"Anna Alpha (#{anna}) → Ben Beta (#{ben}) → Anna Alpha (#{anna})", Rollcall.Reasons.ReasonCatalog.English(loop.Reason!));
        Assert.Equal((await s.UserOfAsync(ben)).Id, (await s.UserOfAsync(anna)).ManagerId);
        Assert.Equal((await s.UserOfAsync(anna)).Id, (await s.UserOfAsync(ben)).ManagerId);
    }

    [Fact]
    public async Task OrgAttributeDroppedFromTheWhitelist_BlanksNothing_ReportedOnceWithoutAnEmail()
    {
        await using var s = await SyncScenario.ConnectedAsync();
        var person = await s.HireAsync("Dora", "Department", "dora@example.test");
        await s.SyncAsync();
        await s.Sandbox.SendAsync(HttpMethod.Delete, $"/_sandbox/credentials/{s.Personio.ClientId}/readable-attributes/department");
        await PlaceAsync(s, person, new { department_id = 2803, team_id = 0 });

        var first = await s.SyncAsync();
        var second = await s.SyncAsync();
        var user = await s.UserOfAsync(person);

        Assert.Equal((RunState.Succeeded, 1, 1), (first.State, first.Updated, first.Warnings)); // the team still moves
        Assert.Equal("2801", user.DepartmentId);
        Assert.Null(user.TeamId);
        var warning = Assert.Single(await s.StepsAsync(first.Id), st => st.Kind == StepKind.Warn);
        Assert.Equal(("org_unreadable", "department"), (warning.ReasonCode, (string)warning.Reason!.Args[0]));
        Assert.Equal((0, 0), (second.Updated, second.Warnings));
        Assert.Empty(await s.MessagesAsync(MessageKind.AdminNotification));
    }

    [Fact]
    public async Task V2Path_NamesFromReferenceData_SameOrgAsV1_NoChangeOnTheNextRun()
    {
        await using var s = await SyncScenario.ConnectedAsync(new Dictionary<string, string?> { ["Personio:FullReadPath"] = "V2" });
        var boss = await s.HireAsync("Berta", "Boss", "berta@example.test");
        var report = await s.HireAsync("Rudi", "Report", "rudi@example.test");
        await PlaceAsync(s, report, new { legal_entity_id = 7702, department_id = 2802, supervisor_id = boss, cost_centers = new[] { new { id = 8202, weight = 100 } } });

        var first = await s.SyncAsync();
        var second = await s.SyncAsync();
        var user = await s.UserOfAsync(report);

        Assert.Equal(RunState.Succeeded, first.State);
        Assert.Equal(("7702", "2802", "8202"), (user.LegalEntityId, user.DepartmentId, user.PrimaryCostCenterId));
        Assert.All(new[] { user.LegalEntityName, user.OfficeName, user.DepartmentName, user.TeamName, user.CostCenters[0].Name }, name => Assert.False(string.IsNullOrEmpty(name)));
        Assert.Equal((await s.UserOfAsync(boss)).Id, user.ManagerId);
        Assert.Equal((0, 0), (second.Updated, second.Warnings));
    }

    private static async Task PlaceAsync(SyncScenario s, long employee, object org) => await s.PersonioAsync(HttpMethod.Patch, $"/{employee}", org);

    private static async Task<List<JsonNode>> UsersAsync(SyncScenario s, string query = "") =>
        [.. (await (await s.Api.GetAsync($"/api/companies/{s.Company.Id}/users{query}")).ReadJsonAsync(HttpStatusCode.OK))["items"]!.AsArray()
            .Select(u => u!).Where(u => u["source"]!.GetValue<string>() == "personio")];

    private static string Email(JsonNode user) => user["email"]!.GetValue<string>();

    private static string Id(JsonNode user) => user["id"]!.GetValue<string>();
}
