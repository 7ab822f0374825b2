using System.Net;
using Rollcall.Tests.Infrastructure;
using static Rollcall.Tests.Explorer.ExplorerKit;

namespace Rollcall.Tests.Explorer;

/// <summary>The explorer's list: search by name, email or Personio id; filters by outcome, reason, legal entity, office, department.</summary>
public sealed class PeopleQueryTests
{
    [Fact]
    public async Task SearchAndFilters_FindTheRightPeople()
    {
        await using var s = await SyncScenario.ConnectedAsync();
        var berta = await s.HireAsync("Berta", "Boss", "berta@example.test");
        var rudi = await s.HireAsync("Rudi", "Report", "rudi@example.test");
        var xaver = await s.HireAsync("Xaver", "Extern", "xaver@example.test", type: "external");
        var nina = await s.HireAsync("Nina", "Nomail", "");
        await s.PersonioAsync(HttpMethod.Patch, $"/{rudi}", new { legal_entity_id = 7702, department_id = 2802 });
        await s.SyncAsync();
        var rudiRow = await PersonAsync(s, rudi);
        var office = rudiRow["office"]!["id"]!.GetValue<string>();

        Assert.Equal([berta], (await PeopleAsync(s, "search=bert")).Select(Id));
        Assert.Equal([rudi], (await PeopleAsync(s, "search=RUDI@EXAMPLE")).Select(Id));
        Assert.Equal([xaver], (await PeopleAsync(s, $"search={xaver}")).Select(Id));
        Assert.Equal([nina], (await PeopleAsync(s, "outcome=skipped")).Select(Id));
        Assert.Equal([xaver], (await PeopleAsync(s, "outcome=notUser")).Select(Id));
        Assert.Equal([berta, rudi], (await PeopleAsync(s, "outcome=user")).Select(Id).Order());
        Assert.Equal([nina], (await PeopleAsync(s, "reason=no_email")).Select(Id));
        Assert.Equal([rudi], (await PeopleAsync(s, "legalEntity=7702")).Select(Id));
        Assert.Equal([rudi], (await PeopleAsync(s, "department=2802")).Select(Id));
        Assert.Contains(rudi, (await PeopleAsync(s, $"office={office}")).Select(Id));
        Assert.Empty(await PeopleAsync(s, "outcome=leaving"));
        Assert.Equal([berta], (await PeopleAsync(s, "search=berta&outcome=user&reason=active")).Select(Id));
        Assert.Equal(("7702", "2802"), (rudiRow["legalEntity"]!["id"]!.GetValue<string>(), rudiRow["department"]!["id"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(rudiRow["legalEntity"]!["name"]?.GetValue<string>()));
    }

    [Fact]
    public async Task UnknownOutcome_400_UnknownPerson_404_BadPaging_400()
    {
        await using var s = await SyncScenario.ConnectedAsync();
        await s.SyncAsync();

        Assert.Equal("invalid_filter", await (await s.Api.GetAsync($"{PeoplePath(s)}?outcome=maybe")).ProblemCodeAsync(HttpStatusCode.BadRequest));
        Assert.Equal("not_found", await (await s.Api.GetAsync($"{PeoplePath(s)}/424242")).ProblemCodeAsync(HttpStatusCode.NotFound));
        Assert.Equal("invalid_paging", await (await s.Api.GetAsync($"{PeoplePath(s)}?pageSize=0")).ProblemCodeAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Paging_TotalAndPages()
    {
        await using var s = await SyncScenario.ConnectedAsync();
        await s.HireManyAsync(5);
        await s.SyncAsync();

        var page = await (await s.Api.GetAsync($"{PeoplePath(s)}?page=2&pageSize=2")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal((5, 2, 2), (page["total"]!.GetValue<int>(), page["page"]!.GetValue<int>(), page["items"]!.AsArray().Count));
    }
}
