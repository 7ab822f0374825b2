namespace Rollcall.PersonioSandbox.Tests.OrgData;

public sealed class LegalEntitiesFeatureTests
{
    [Theory]
    [InlineData("/v2/legal-entities")]
    [InlineData("/v2/legal-entities/7701")]
    public async Task LegalEntities_FeatureNotBooked_Returns412ProblemJson(string url)
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3, legalEntitiesFeature: false);

        var response = await company.GetAsync(await company.V2TokenAsync(), url);
        var error = (await response.ReadJsonAsync()).GetProperty("errors")[0];

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Precondition failed", error.Str("title"));
    }

    [Fact]
    public async Task LegalEntities_FeatureNotBooked_EmploymentsStillCarryTheLegalEntityId()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3, legalEntitiesFeature: false);
        var id = (await company.EmployeeIdsAsync())[0];

        var employment = await company.V2EmploymentAsync(id);
        var employee = await company.V1EmployeeAsync(id);

        Assert.Matches("^77\\d\\d$", employment.GetProperty("legal_entity").Str("id"));
        Assert.False(string.IsNullOrEmpty(employee.Nested("subcompany").Str("name")));
    }

    [Fact]
    public async Task LegalEntitiesFeature_SwitchedThroughControl_TurnsThe412OnAndOffForIssuedTokens()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);
        var token = await company.V2TokenAsync();

        var booked = await company.GetAsync(token, "/v2/legal-entities");
        var off = await app.SendControlAsync(HttpMethod.Put, $"/companies/{company.Id}/legal-entities-feature", new { enabled = false });
        var cancelled = await company.GetAsync(token, "/v2/legal-entities");
        var summary = await (await app.SendControlAsync(HttpMethod.Get, $"/companies/{company.Id}")).ReadJsonAsync();
        await app.SendControlAsync(HttpMethod.Put, $"/companies/{company.Id}/legal-entities-feature", new { enabled = true });
        var rebooked = await company.GetAsync(token, "/v2/legal-entities/7701");

        Assert.Equal(HttpStatusCode.OK, booked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.False((await off.ReadJsonAsync()).GetProperty("enabled").GetBoolean());
        Assert.Equal(HttpStatusCode.PreconditionFailed, cancelled.StatusCode);
        Assert.False(summary.GetProperty("legal_entities_feature").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, rebooked.StatusCode);
    }

    [Fact]
    public async Task LegalEntitiesFeature_UnknownCompany_Returns404()
    {
        await using var app = new SandboxApp();

        var response = await app.SendControlAsync(HttpMethod.Put, "/companies/999/legal-entities-feature", new { enabled = false });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
