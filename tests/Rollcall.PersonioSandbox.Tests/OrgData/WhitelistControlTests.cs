namespace Rollcall.PersonioSandbox.Tests.OrgData;

public sealed class WhitelistControlTests
{
    [Fact]
    public async Task RemoveReadableAttribute_Department_DisappearsFromV1AndV2ForIssuedTokens()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(5);
        var (clientId, secret) = await company.CreateCredentialAsync(["first_name", "department", "team"]);
        var v1Token = await company.V1TokenAsync(clientId, secret);
        var v2Token = await company.V2TokenAsync(clientId, secret);
        var id = (await company.EmployeeIdsAsync())[1];

        var removed = await app.SendControlAsync(HttpMethod.Delete, $"/credentials/{clientId}/readable-attributes/department");
        var v1 = await company.V1EmployeeAsync(id, v1Token);
        var v2 = await company.V2EmploymentAsync(id, v2Token);
        var definitions = (await company.GetJsonAsync(v1Token, "/v1/company/employees/attributes")).GetProperty("data");

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(["first_name", "team"], (await removed.ReadJsonAsync()).GetProperty("readable_attributes").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["id", "first_name", "team"], v1.GetProperty("attributes").Keys());
        Assert.Equal("team", Assert.Single(v2.OrgUnits()).Type);
        Assert.Equal(["first_name", "team"], definitions.EnumerateArray().Select(d => d.Str("key")));
    }

    [Fact]
    public async Task AddReadableAttribute_CostCenters_AppearsInV1AndV2()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(5);
        var (clientId, secret) = await company.CreateCredentialAsync(["first_name"]);
        var v1Token = await company.V1TokenAsync(clientId, secret);
        var v2Token = await company.V2TokenAsync(clientId, secret);
        var id = (await company.EmployeeIdsAsync())[1];
        var before = await company.V2EmploymentAsync(id, v2Token);

        var added = await app.SendControlAsync(HttpMethod.Put, $"/credentials/{clientId}/readable-attributes/cost_centers");
        var v1 = await company.V1EmployeeAsync(id, v1Token);
        var v2 = await company.V2EmploymentAsync(id, v2Token);

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.False(before.TryGetProperty("cost_centers", out _));
        Assert.Equal(["id", "first_name", "cost_centers"], v1.GetProperty("attributes").Keys());
        Assert.Single(v2.CostCenters());
    }

    [Fact]
    public async Task RemoveReadableAttribute_FromFullAccessCredential_LeavesEverythingElseReadable()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3);
        var id = (await company.EmployeeIdsAsync())[1];
        var token = await company.V1TokenAsync();
        var before = (await company.V1EmployeeAsync(id, token)).GetProperty("attributes").Keys();

        var removed = await (await app.SendControlAsync(HttpMethod.Delete, $"/credentials/{company.ClientId}/readable-attributes/subcompany")).ReadJsonAsync();
        var after = (await company.V1EmployeeAsync(id, token)).GetProperty("attributes").Keys();

        Assert.Equal(before.Where(k => k != "subcompany"), after);
        Assert.DoesNotContain("subcompany", removed.GetProperty("readable_attributes").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("dynamic_30101", removed.GetProperty("readable_attributes").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task AddReadableAttribute_ToFullAccessCredential_KeepsEveryAttributeReadable()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);

        var added = await (await app.SendControlAsync(HttpMethod.Put, $"/credentials/{company.ClientId}/readable-attributes/office")).ReadJsonAsync();

        Assert.Equal(JsonValueKind.Null, added.GetProperty("readable_attributes").ValueKind);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("legal_entity")]
    [InlineData("dynamic_99999")]
    public async Task ReadableAttribute_KeyThatIsNoV1Attribute_Returns400(string key)
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);

        var put = await app.SendControlAsync(HttpMethod.Put, $"/credentials/{company.ClientId}/readable-attributes/{key}");
        var delete = await app.SendControlAsync(HttpMethod.Delete, $"/credentials/{company.ClientId}/readable-attributes/{key}");

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
    }

    [Fact]
    public async Task ReadableAttribute_UnknownCredential_Returns404()
    {
        await using var app = new SandboxApp();

        var response = await app.SendControlAsync(HttpMethod.Put, "/credentials/papi-unknown/readable-attributes/office");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
