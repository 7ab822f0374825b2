namespace Rollcall.PersonioSandbox.Tests.OrgData;

public sealed class V2OrgDataTests
{
    [Fact]
    public async Task V2Employment_OrgFields_AreIdOnlyReferencesMatchingV1()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(5);
        var id = (await company.EmployeeIdsAsync())[1];

        var v1 = await company.V1EmployeeAsync(id);
        var employment = await company.V2EmploymentAsync(id);
        var supervisorId = v1.Attr("supervisor").GetProperty("attributes").GetProperty("id").GetProperty("value").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(["id"], employment.GetProperty("supervisor").Keys());
        Assert.Equal(supervisorId, employment.GetProperty("supervisor").Str("id"));
        Assert.Equal(Id(v1, "subcompany"), employment.GetProperty("legal_entity").Str("id"));
        Assert.Equal(Id(v1, "subcompany"), employment.GetProperty("sub_company").Str("id"));
        Assert.Equal(["id"], employment.GetProperty("office").Keys());
        Assert.Equal(Id(v1, "office"), employment.GetProperty("office").Str("id"));
        Assert.Equal([("department", Id(v1, "department")), ("team", Id(v1, "team"))], employment.OrgUnits());
        Assert.Equal([(Id(v1.Attr("cost_centers")[0]), 100m)], employment.CostCenters());
        Assert.EndsWith($"/v2/persons/{supervisorId}", employment.GetProperty("_meta").GetProperty("links").GetProperty("supervisor").Str("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task V2Employment_OrgFieldsLeftEmpty_AreNullReferencesAndEmptyLists()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(5);
        var id = (await company.EmployeeIdsAsync())[2];

        await company.ControlAsync(HttpMethod.Patch, $"/employees/{id}", new
        {
            supervisor_id = 0, legal_entity_id = 0, office_id = 0, department_id = 0, team_id = 0, cost_centers = Array.Empty<object>(),
        });
        var employment = await company.V2EmploymentAsync(id);

        foreach (var field in (string[])["supervisor", "legal_entity", "sub_company", "office"])
        {
            Assert.Equal(JsonValueKind.Null, employment.GetProperty(field).ValueKind);
        }

        Assert.Empty(employment.OrgUnits());
        Assert.Empty(employment.CostCenters());
        Assert.False(employment.GetProperty("_meta").GetProperty("links").TryGetProperty("supervisor", out _));
    }

    [Fact]
    public async Task V2Employment_OnlyTheTeamUnset_LeavesTheDepartmentAlone()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(5);
        var id = (await company.EmployeeIdsAsync())[2];

        await company.ControlAsync(HttpMethod.Patch, $"/employees/{id}", new { team_id = 0 });
        var employment = await company.V2EmploymentAsync(id);

        Assert.Equal("department", Assert.Single(employment.OrgUnits()).Type);
    }

    [Fact]
    public async Task V2Employment_OrgAttributesNotWhitelisted_AreOmitted()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(5);
        var (clientId, secret) = await company.CreateCredentialAsync(["department", "office"]);
        var token = await company.V2TokenAsync(clientId, secret);
        var id = (await company.EmployeeIdsAsync())[1];

        var employment = await company.V2EmploymentAsync(id, token);

        Assert.Equal(["id", "status", "office", "org_units", "person", "_meta"], employment.Keys());
        Assert.Equal("department", Assert.Single(employment.OrgUnits()).Type);
        Assert.Equal(["person"], employment.GetProperty("_meta").GetProperty("links").Keys());
    }

    [Fact]
    public async Task V2Employment_WhitelistWithSupervisorSubcompanyAndCostCenters_ShowsOnlyThose()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(5);
        var (clientId, secret) = await company.CreateCredentialAsync(["supervisor", "subcompany", "cost_centers"]);
        var token = await company.V2TokenAsync(clientId, secret);
        var id = (await company.EmployeeIdsAsync())[1];

        var employment = await company.V2EmploymentAsync(id, token);

        Assert.Equal(["id", "status", "supervisor", "legal_entity", "sub_company", "cost_centers", "person", "_meta"], employment.Keys());
        Assert.Equal(["person", "supervisor"], employment.GetProperty("_meta").GetProperty("links").Keys());
    }

    private static string Id(JsonElement v1Employee, string key) => Id(v1Employee.Attr(key));

    private static string Id(JsonElement nested) =>
        nested.GetProperty("attributes").GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
