namespace Rollcall.PersonioSandbox.Tests.V1;

public sealed class WhitelistTests
{
    private const string Iban = "dynamic_30101";
    private static readonly string[] Readable = ["first_name", "email", Iban];

    [Fact]
    public async Task V1Employees_Whitelist_SilentlyOmitsOtherAttributes()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(5);
        var (clientId, secret) = await company.CreateCredentialAsync(Readable);
        var token = await company.V1TokenAsync(clientId, secret);

        var json = await company.GetJsonAsync(token, "/v1/company/employees");

        foreach (var employee in json.GetProperty("data").EnumerateArray())
        {
            Assert.Equal(["id", "first_name", "email", Iban], employee.GetProperty("attributes").Keys());
            var iban = employee.GetProperty("attributes").GetProperty(Iban);
            Assert.Equal(["label", "value", "type", "universal_id"], iban.Keys());
            Assert.Equal("iban", iban.Str("universal_id"));
        }
    }

    [Fact]
    public async Task V1Employees_AttributesParameter_ProjectsWithinWhitelist()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(5);
        var (clientId, secret) = await company.CreateCredentialAsync(Readable);
        var token = await company.V1TokenAsync(clientId, secret);

        var json = await company.GetJsonAsync(token, "/v1/company/employees?attributes[]=email&attributes[]=last_name");

        Assert.Equal(["id", "email"], json.GetProperty("data")[0].GetProperty("attributes").Keys());
    }

    [Theory]
    [InlineData("/v1/company/employees/attributes")]
    [InlineData("/v1/company/employees/custom-attributes")]
    public async Task V1Attributes_Whitelist_ListsOnlyReadableDefinitions(string path)
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);
        var (clientId, secret) = await company.CreateCredentialAsync([.. Readable, "dynamic_30104"]);
        var token = await company.V1TokenAsync(clientId, secret);

        var data = (await company.GetJsonAsync(token, path)).GetProperty("data");

        Assert.Equal(["first_name", "email", Iban, "dynamic_30104"], data.EnumerateArray().Select(a => a.Str("key")));
        var card = data[3];
        Assert.Equal("list", card.Str("type"));
        Assert.Equal(["Yes", "No"], card.GetProperty("options").EnumerateArray().Select(o => o.GetString()));
    }

    [Fact]
    public async Task V2Person_Whitelist_ReturnsOnlyReadableFields()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3);
        var (clientId, secret) = await company.CreateCredentialAsync(Readable);
        var token = await company.V2TokenAsync(clientId, secret);

        var person = (await company.GetJsonAsync(token, "/v2/persons")).GetProperty("_data")[0];

        Assert.Equal(["id", "email", "first_name", "custom_attributes", "employments", "_meta"], person.Keys());
        Assert.Equal([Iban], person.GetProperty("custom_attributes").EnumerateArray().Select(a => a.Str("id")));
    }

    [Fact]
    public async Task V2_EmptyWhitelist_LeavesOnlyIdsStatusAndLinks()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3);
        var (clientId, secret) = await company.CreateCredentialAsync([]);
        var token = await company.V2TokenAsync(clientId, secret);

        var person = (await company.GetJsonAsync(token, "/v2/persons")).GetProperty("_data")[0];
        var employment = (await company.GetJsonAsync(token, $"/v2/persons/{person.Str("id")}/employments")).GetProperty("_data")[0];

        Assert.Equal(["id", "employments", "_meta"], person.Keys());
        Assert.Equal(["id", "status", "person", "_meta"], employment.Keys());
    }

    [Fact]
    public async Task V1Employees_LegalEntityRestriction_HidesOtherEntities()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(60);
        var (clientId, secret) = await company.CreateCredentialAsync(legalEntities: [7702]);
        var token = await company.V1TokenAsync(clientId, secret);

        var json = await company.GetJsonAsync(token, "/v1/company/employees?limit=100");
        var entities = json.GetProperty("data").EnumerateArray()
            .Select(e => e.Attr("subcompany").GetProperty("attributes").Int("id")).Distinct().ToList();

        Assert.Equal([7702], entities);
        Assert.InRange(json.GetProperty("metadata").Int("total_elements"), 1, 59);
    }
}
