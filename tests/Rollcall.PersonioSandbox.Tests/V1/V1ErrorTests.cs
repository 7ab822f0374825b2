namespace Rollcall.PersonioSandbox.Tests.V1;

public sealed class V1ErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Employees_NoToken_Returns401NotProvided()
    {
        await using var app = new SandboxApp();

        var response = await app.CreateClient().GetAsync("/v1/company/employees", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var json = await response.ReadJsonAsync();
        Assert.False(json.GetProperty("success").GetBoolean());
        Assert.Equal(401, json.GetProperty("error").Int("code"));
        Assert.Equal("Authorization is not provided", json.GetProperty("error").Str("message"));
    }

    [Theory]
    [InlineData("403", HttpStatusCode.Forbidden)]
    [InlineData("401", HttpStatusCode.Unauthorized)]
    public async Task Employees_UnknownToken_ReturnsConfiguredStatus(string status, HttpStatusCode expected)
    {
        await using var app = new SandboxApp().With("Sandbox:Auth:V1InvalidTokenStatus", status);
        var company = await app.CreateCompanyAsync(1);

        var response = await company.GetAsync("papi-00000000-0000-0000-0000-000000000000", "/v1/company/employees");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal((int)expected, (await response.ReadJsonAsync()).GetProperty("error").Int("code"));
    }

    [Fact]
    public async Task Employee_UnknownId_Returns404InV1Envelope()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(2);
        var token = await company.V1TokenAsync();

        var response = await company.GetAsync(token, "/v1/company/employees/999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, (await response.ReadJsonAsync()).GetProperty("error").Int("code"));
    }

    [Fact]
    public async Task Employee_KnownId_ReturnsSingleEmployee()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(2);
        var token = await company.V1TokenAsync();
        var first = (await company.GetJsonAsync(token, "/v1/company/employees")).GetProperty("data")[0].EmployeeId();

        var json = await company.GetJsonAsync(token, $"/v1/company/employees/{first}");

        Assert.Equal("Employee", json.GetProperty("data").Str("type"));
        Assert.Equal(first, json.GetProperty("data").EmployeeId());
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=abc")]
    [InlineData("offset=-1")]
    [InlineData("updated_since=yesterday")]
    public async Task Employees_InvalidQuery_Returns400(string query)
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(2);
        var token = await company.V1TokenAsync();

        var response = await company.GetAsync(token, "/v1/company/employees?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, (await response.ReadJsonAsync()).GetProperty("error").Int("code"));
    }

    [Fact]
    public async Task Employees_CredentialWithoutEmployeesRight_Returns403WithCodeZero()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(2);
        var (clientId, secret) = await company.CreateCredentialAsync(scopes: ["personio:webhooks:read"]);
        var token = await company.V1TokenAsync(clientId, secret);

        var response = await company.GetAsync(token, "/v1/company/employees");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, (await response.ReadJsonAsync()).GetProperty("error").Int("code"));
    }
}
