using System.Globalization;

namespace Rollcall.PersonioSandbox.Tests.OrgData;

public sealed class OrgControlTests
{
    [Fact]
    public async Task Change_EveryOrgField_IsVisibleInV1AndV2()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(10);
        var ids = await company.EmployeeIdsAsync();
        var (id, supervisor) = (ids[4], ids[7]);

        await company.ControlAsync(HttpMethod.Patch, $"/employees/{id}", new
        {
            legal_entity_id = 7703, office_id = 1306, department_id = 2802, team_id = 505, supervisor_id = supervisor,
            cost_centers = new object[] { new { id = 8202, weight = 60 }, new { id = 8205, weight = 40 } },
        });
        var v1 = await company.V1EmployeeAsync(id);
        var v2 = await company.V2EmploymentAsync(id);

        Assert.Equal((7703, "Sandbox Company Nordic AB"), (v1.Nested("subcompany").Int("id"), v1.Nested("subcompany").Str("name")));
        Assert.Equal((1306, "Stockholm"), (v1.Nested("office").Int("id"), v1.Nested("office").Str("name")));
        Assert.Equal((2802, "Sales"), (v1.Nested("department").Int("id"), v1.Nested("department").Str("name")));
        Assert.Equal((505, "Nordics"), (v1.Nested("team").Int("id"), v1.Nested("team").Str("name")));
        Assert.Equal(supervisor, v1.Attr("supervisor").GetProperty("attributes").GetProperty("id").GetProperty("value").GetInt32());
        Assert.Equal([(8202, "CC-200 Sales", 60m), (8205, "CC-500 People", 40m)], v1.V1CostCenters());
        Assert.Equal("7703", v2.GetProperty("legal_entity").Str("id"));
        Assert.Equal("1306", v2.GetProperty("office").Str("id"));
        Assert.Equal([("department", "2802"), ("team", "505")], v2.OrgUnits());
        Assert.Equal(Text(supervisor), v2.GetProperty("supervisor").Str("id"));
        Assert.Equal([("8202", 60m), ("8205", 40m)], v2.CostCenters());
    }

    [Fact]
    public async Task Change_OrgField_MovesLastModifiedAndSelectsWithUpdatedSinceAndAttributes()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(10);
        var id = (await company.EmployeeIdsAsync())[3];
        var token = await company.V1TokenAsync();
        app.Time.Advance(TimeSpan.FromHours(1));

        await company.ControlAsync(HttpMethod.Patch, $"/employees/{id}", new { cost_centers = new object[] { new { id = 8208, weight = 100 } } });
        var byCostCenter = await company.GetJsonAsync(token, "/v1/company/employees?updated_since=2026-03-02T10:30:00&attributes[]=cost_centers");
        var byTeam = await company.GetJsonAsync(token, "/v1/company/employees?updated_since=2026-03-02T10:30:00&attributes[]=team");
        var employment = await company.V2EmploymentAsync(id);

        Assert.Equal([id], byCostCenter.GetProperty("data").EnumerateArray().Select(e => e.EmployeeId()));
        Assert.Equal(0, byTeam.GetProperty("data").GetArrayLength());
        Assert.Equal("2026-03-02T10:00:00Z", employment.Str("updated_at"));
    }

    [Fact]
    public async Task Supervisors_CycleAToBToA_IsRepresentedInV1AndV2()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(10);
        var ids = await company.EmployeeIdsAsync();
        var (a, b) = (ids[2], ids[5]);

        await company.ControlAsync(HttpMethod.Patch, $"/employees/{a}", new { supervisor_id = b });
        await company.ControlAsync(HttpMethod.Patch, $"/employees/{b}", new { supervisor_id = a });

        Assert.Equal(b, SupervisorId(await company.V1EmployeeAsync(a)));
        Assert.Equal(a, SupervisorId(await company.V1EmployeeAsync(b)));
        Assert.Equal(Text(b), (await company.V2EmploymentAsync(a)).GetProperty("supervisor").Str("id"));
        Assert.Equal(Text(a), (await company.V2EmploymentAsync(b)).GetProperty("supervisor").Str("id"));
    }

    [Fact]
    public async Task Supervisor_ExternalAndInactive_IsStillTheSupervisor()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(10);
        var ids = await company.EmployeeIdsAsync();
        var (employee, supervisor) = (ids[3], ids[6]);

        await company.ControlAsync(HttpMethod.Patch, $"/employees/{supervisor}", new { employment_type = "external" });
        await company.ControlAsync(HttpMethod.Post, $"/employees/{supervisor}/terminate", new { termination_date = "2026-02-27" });
        await company.ControlAsync(HttpMethod.Patch, $"/employees/{employee}", new { supervisor_id = supervisor });
        var v1Supervisor = await company.V1EmployeeAsync(supervisor);
        var v2Supervisor = await company.V2EmploymentAsync(supervisor);

        Assert.Equal(("inactive", "external"), (v1Supervisor.Attr("status").GetString(), v1Supervisor.Attr("employment_type").GetString()));
        Assert.Equal(("INACTIVE", "EXTERNAL"), (v2Supervisor.Str("status"), v2Supervisor.Str("type")));
        Assert.Equal(supervisor, SupervisorId(await company.V1EmployeeAsync(employee)));
        Assert.Equal(Text(supervisor), (await company.V2EmploymentAsync(employee)).GetProperty("supervisor").Str("id"));
    }

    [Fact]
    public async Task Hire_WithOrgData_IsVisibleInV1AndV2()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3);
        var supervisor = (await company.EmployeeIdsAsync())[0];

        var hired = await company.ControlAsync(HttpMethod.Post, "/employees", new
        {
            first_name = "Åsa", last_name = "Lindqvist", legal_entity_id = 7702, office_id = 1305, department_id = 2806, team_id = 514,
            supervisor_id = supervisor, cost_centers = new object[] { new { id = 8206, weight = 50 }, new { id = 8201, weight = 50 } },
        });
        var v1 = await company.V1EmployeeAsync(hired.Int("id"));
        var v2 = await company.V2EmploymentAsync(hired.Int("id"));

        Assert.Equal(("Sandbox Company Österreich GmbH", "Wien"), (v1.Nested("subcompany").Str("name"), v1.Nested("office").Str("name")));
        Assert.Equal(("Customer Success", "Support"), (v1.Nested("department").Str("name"), v1.Nested("team").Str("name")));
        Assert.Equal(supervisor, SupervisorId(v1));
        Assert.Equal([("8206", 50m), ("8201", 50m)], v2.CostCenters());
    }

    [Fact]
    public async Task Hire_WithoutCostCenters_BooksAllToTheFirstCostCenter()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);

        var hired = await company.ControlAsync(HttpMethod.Post, "/employees", new { first_name = "Jonas", last_name = "Brandt" });

        Assert.Equal([("8201", 100m)], (await company.V2EmploymentAsync(hired.Int("id"))).CostCenters());
    }

    [Theory]
    [InlineData("""{"supervisor_id": 99999}""")]
    [InlineData("""{"office_id": 42}""")]
    [InlineData("""{"department_id": 42}""")]
    [InlineData("""{"team_id": 42}""")]
    [InlineData("""{"legal_entity_id": 42}""")]
    [InlineData("""{"cost_centers": [{"id": 42, "weight": 100}]}""")]
    [InlineData("""{"cost_centers": [{"id": 8201, "weight": 0}]}""")]
    [InlineData("""{"cost_centers": [{"id": 8201, "weight": 101}]}""")]
    [InlineData("""{"cost_centers": [{"id": 8201, "weight": 50}, {"id": 8201, "weight": 50}]}""")]
    public async Task Change_InvalidOrgData_Returns400AndChangesNothing(string body)
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3);
        var id = (await company.EmployeeIdsAsync())[1];
        var before = (await company.V1EmployeeAsync(id)).ToString();

        var response = await Patch(app, company, id, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, (await company.V1EmployeeAsync(id)).ToString());
    }

    [Fact]
    public async Task Change_OwnSupervisor_Returns400()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3);
        var id = (await company.EmployeeIdsAsync())[1];

        var response = await Patch(app, company, id, $$"""{"supervisor_id": {{id}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Hire_UnknownOfficeOrCostCenter_Returns400()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);

        var office = await app.SendControlAsync(HttpMethod.Post, $"/companies/{company.Id}/employees", new { first_name = "A", last_name = "B", office_id = 42 });
        var costCenter = await app.SendControlAsync(HttpMethod.Post, $"/companies/{company.Id}/employees",
            new { first_name = "A", last_name = "B", cost_centers = new object[] { new { id = 42, weight = 100 } } });

        Assert.Equal(HttpStatusCode.BadRequest, office.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, costCenter.StatusCode);
    }

    private static async Task<HttpResponseMessage> Patch(SandboxApp app, Company company, int id, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/_sandbox/companies/{company.Id}/employees/{id}")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        return await app.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static int SupervisorId(JsonElement v1Employee) =>
        v1Employee.Attr("supervisor").GetProperty("attributes").GetProperty("id").GetProperty("value").GetInt32();

    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);
}
