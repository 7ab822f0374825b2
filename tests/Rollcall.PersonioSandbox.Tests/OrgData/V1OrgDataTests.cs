namespace Rollcall.PersonioSandbox.Tests.OrgData;

public sealed class V1OrgDataTests
{
    private static readonly string[] AttributeObjectKeys = ["label", "value", "type", "universal_id"];

    [Theory]
    [InlineData("subcompany", "Subcompany", "Subcompany")]
    [InlineData("office", "Office", "Office")]
    [InlineData("department", "Department", "Department")]
    [InlineData("team", "Team", "Team")]
    public async Task V1Employee_NamedOrgAttribute_IsTypedObjectWithIntegerIdAndName(string key, string label, string type)
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(5);

        var employee = await company.V1EmployeeAsync((await company.EmployeeIdsAsync())[1]);
        var attribute = employee.GetProperty("attributes").GetProperty(key);

        Assert.Equal(AttributeObjectKeys, attribute.Keys());
        Assert.Equal(label, attribute.Str("label"));
        Assert.Equal("standard", attribute.Str("type"));
        Assert.Equal(key, attribute.Str("universal_id"));
        Assert.Equal(["type", "attributes"], attribute.GetProperty("value").Keys());
        Assert.Equal(type, attribute.GetProperty("value").Str("type"));
        Assert.Equal(["id", "name"], employee.Nested(key).Keys());
        Assert.Equal(JsonValueKind.Number, employee.Nested(key).GetProperty("id").ValueKind);
        Assert.False(string.IsNullOrEmpty(employee.Nested(key).Str("name")));
    }

    [Fact]
    public async Task V1Employee_CostCenters_IsListOfCostCenterObjectsWithPercentage()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(5);

        var employee = await company.V1EmployeeAsync((await company.EmployeeIdsAsync())[1]);
        var attribute = employee.GetProperty("attributes").GetProperty("cost_centers");
        var center = Assert.Single(attribute.GetProperty("value").EnumerateArray());

        Assert.Equal(AttributeObjectKeys, attribute.Keys());
        Assert.Equal("Cost center", attribute.Str("label"));
        Assert.Equal("CostCenter", center.Str("type"));
        Assert.Equal(["id", "name", "percentage"], center.GetProperty("attributes").Keys());
        Assert.Equal(100m, center.GetProperty("attributes").GetProperty("percentage").GetDecimal());
        Assert.StartsWith("CC-", center.GetProperty("attributes").Str("name"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task V1Employee_Supervisor_IsShortEmployeeOfAttributeObjects()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(5);
        var ids = await company.EmployeeIdsAsync();

        var employee = await company.V1EmployeeAsync(ids[1]);
        var root = await company.V1EmployeeAsync(ids[0]);
        var supervisor = employee.Attr("supervisor");
        var attributes = supervisor.GetProperty("attributes");
        var supervisorRecord = await company.V1EmployeeAsync(attributes.GetProperty("id").GetProperty("value").GetInt32());

        Assert.Equal("Supervisor", employee.GetProperty("attributes").GetProperty("supervisor").Str("label"));
        Assert.Equal("Employee", supervisor.Str("type"));
        Assert.Equal(["id", "first_name", "last_name", "email"], attributes.Keys());
        Assert.Equal(AttributeObjectKeys, attributes.GetProperty("id").Keys());
        Assert.Equal("integer", attributes.GetProperty("id").Str("type"));
        Assert.Equal(supervisorRecord.Attr("email").GetString(), attributes.GetProperty("email").GetProperty("value").GetString());
        Assert.Equal(JsonValueKind.Null, root.Attr("supervisor").ValueKind);
    }

    [Fact]
    public async Task V1Employee_OrgFieldsLeftEmpty_AreNullAndCostCentersAnEmptyList()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(5);
        var id = (await company.EmployeeIdsAsync())[2];

        await company.ControlAsync(HttpMethod.Patch, $"/employees/{id}", new
        {
            supervisor_id = 0, legal_entity_id = 0, office_id = 0, department_id = 0, team_id = 0, cost_centers = Array.Empty<object>(),
        });
        var employee = await company.V1EmployeeAsync(id);

        foreach (var key in (string[])["supervisor", "subcompany", "office", "department", "team"])
        {
            Assert.Equal(AttributeObjectKeys, employee.GetProperty("attributes").GetProperty(key).Keys());
            Assert.Equal(JsonValueKind.Null, employee.Attr(key).ValueKind);
        }

        Assert.Equal(JsonValueKind.Array, employee.Attr("cost_centers").ValueKind);
        Assert.Equal(0, employee.Attr("cost_centers").GetArrayLength());
    }

    [Fact]
    public async Task V1Employees_OrgAttributesNotWhitelisted_AreOmittedAndNotListed()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(5);
        var (clientId, secret) = await company.CreateCredentialAsync(["first_name", "department", "cost_centers"]);
        var token = await company.V1TokenAsync(clientId, secret);

        var employees = (await company.GetJsonAsync(token, "/v1/company/employees")).GetProperty("data");
        var single = await company.V1EmployeeAsync(employees[0].EmployeeId(), token);
        var definitions = (await company.GetJsonAsync(token, "/v1/company/employees/attributes")).GetProperty("data");

        Assert.All(employees.EnumerateArray(), e => Assert.Equal(["id", "first_name", "department", "cost_centers"], e.GetProperty("attributes").Keys()));
        Assert.Equal(["id", "first_name", "department", "cost_centers"], single.GetProperty("attributes").Keys());
        Assert.Equal(["first_name", "department", "cost_centers"], definitions.EnumerateArray().Select(d => d.Str("key")));
    }

    [Fact]
    public async Task V1Employees_AttributesParameter_ProjectsOrgAttributesWithinWhitelist()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(5);
        var (clientId, secret) = await company.CreateCredentialAsync(["office", "team", "supervisor"]);
        var token = await company.V1TokenAsync(clientId, secret);

        var json = await company.GetJsonAsync(token, "/v1/company/employees?attributes[]=team&attributes[]=subcompany&attributes[]=supervisor");

        Assert.Equal(["id", "supervisor", "team"], json.GetProperty("data")[1].GetProperty("attributes").Keys());
    }
}
