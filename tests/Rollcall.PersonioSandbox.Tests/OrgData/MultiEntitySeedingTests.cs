namespace Rollcall.PersonioSandbox.Tests.OrgData;

public sealed class MultiEntitySeedingTests
{
    [Fact]
    public async Task Seed_TwoLegalEntities_SpreadsEmployeesOverBothWithTheirOwnOffices()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(60, legalEntities: 2);
        var token = await company.V2TokenAsync();

        var entities = (await company.GetJsonAsync(token, "/v2/legal-entities")).GetProperty("_data").EnumerateArray().ToList();
        var workplaces = (await company.GetJsonAsync(token, "/v2/workplaces")).GetProperty("_data").EnumerateArray().Select(w => w.Str("name")).ToList();
        var employees = (await company.GetJsonAsync(await company.V1TokenAsync(), "/v1/company/employees?limit=100")).GetProperty("data").EnumerateArray().ToList();
        var perEntity = employees.GroupBy(e => e.Nested("subcompany").Int("id")).ToDictionary(g => g.Key, g => g.ToList());
        var summary = await (await app.SendControlAsync(HttpMethod.Get, $"/companies/{company.Id}")).ReadJsonAsync();

        Assert.Equal([("7701", "DE"), ("7702", "AT")], entities.Select(e => (e.Str("id"), e.Str("country"))));
        Assert.Equal(["Berlin", "München", "Hamburg", "Köln", "Wien"], workplaces);
        Assert.Equal([7701, 7702], perEntity.Keys.Order());
        Assert.All(perEntity[7702], e => Assert.Equal("Wien", e.Nested("office").Str("name")));
        Assert.All(perEntity[7701], e => Assert.NotEqual("Wien", e.Nested("office").Str("name")));
        Assert.Equal([7701, 7702], summary.GetProperty("legal_entity_ids").EnumerateArray().Select(i => i.GetInt32()));
    }

    [Fact]
    public async Task Seed_TwoLegalEntities_CredentialRestrictedToOneSeesOnlyItsEmployees()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(60, legalEntities: 2);
        var (clientId, secret) = await company.CreateCredentialAsync(legalEntities: [7702]);

        var all = (await company.GetJsonAsync(await company.V1TokenAsync(), "/v1/company/employees?limit=100")).GetProperty("metadata").Int("total_elements");
        var restricted = (await company.GetJsonAsync(await company.V1TokenAsync(clientId, secret), "/v1/company/employees?limit=100")).GetProperty("data");

        Assert.InRange(restricted.GetArrayLength(), 1, all - 1);
        Assert.All(restricted.EnumerateArray(), e => Assert.Equal(7702, e.Nested("subcompany").Int("id")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public async Task Seed_LegalEntitiesOutOfRange_Returns400(int legalEntities)
    {
        await using var app = new SandboxApp();

        var response = await app.SendControlAsync(HttpMethod.Post, "/companies", new { size = 1, legal_entities = legalEntities });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Seed_LegalEntitiesOmitted_SeedsAllFour()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);

        var summary = await (await app.SendControlAsync(HttpMethod.Get, $"/companies/{company.Id}")).ReadJsonAsync();

        Assert.Equal([7701, 7702, 7703, 7704], summary.GetProperty("legal_entity_ids").EnumerateArray().Select(i => i.GetInt32()));
        Assert.True(summary.GetProperty("legal_entities_feature").GetBoolean());
    }
}
