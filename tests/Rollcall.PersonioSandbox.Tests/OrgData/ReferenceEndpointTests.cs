namespace Rollcall.PersonioSandbox.Tests.OrgData;

public sealed class ReferenceEndpointTests
{
    [Fact]
    public async Task LegalEntities_List_NamesTheEntitiesOnEmployments()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(40);
        var token = await company.V2TokenAsync();

        var json = await company.GetJsonAsync(token, "/v2/legal-entities");
        var entities = json.GetProperty("_data").EnumerateArray().ToList();
        var v1 = (await company.GetJsonAsync(await company.V1TokenAsync(), "/v1/company/employees?limit=100")).GetProperty("data");
        var used = v1.EnumerateArray().Select(e => e.Nested("subcompany")).Select(s => (Id: s.Int("id").ToString(System.Globalization.CultureInfo.InvariantCulture), Name: s.Str("name"))).Distinct();

        Assert.Equal(["id", "name", "country", "created_at"], entities[0].Keys());
        Assert.Equal(["DE", "AT", "SE", "FR"], entities.Select(e => e.Str("country")));
        Assert.All(used, u => Assert.Contains(entities, e => e.Str("id") == u.Id && e.Str("name") == u.Name));
        Assert.False(json.GetProperty("_meta").GetProperty("links").TryGetProperty("next", out _));
    }

    [Fact]
    public async Task LegalEntities_LimitOne_WalksEveryEntityByNextHref()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);
        var token = await company.V2TokenAsync();

        var ids = new List<string>();
        var pages = 0;
        for (string? url = "/v2/legal-entities?limit=1"; url is not null; pages++)
        {
            var page = await company.GetJsonAsync(token, url);
            ids.AddRange(page.GetProperty("_data").EnumerateArray().Select(e => e.Str("id")));
            url = page.GetProperty("_meta").GetProperty("links").TryGetProperty("next", out var next) ? next.Str("href") : null;
            Assert.True(url is null || url.StartsWith("http", StringComparison.Ordinal), "next.href is absolute");
        }

        Assert.Equal(["7701", "7702", "7703", "7704"], ids);
        Assert.Equal(4, pages);
    }

    [Theory]
    [InlineData("?country=SE,fr", new[] { "7703", "7704" })]
    [InlineData("?id=7704,7701", new[] { "7701", "7704" })]
    [InlineData("?id=7701&country=AT", new string[0])]
    public async Task LegalEntities_Filters_SelectByIdAndCountry(string query, string[] expected)
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);

        var json = await company.GetJsonAsync(await company.V2TokenAsync(), "/v2/legal-entities" + query);

        Assert.Equal(expected, json.GetProperty("_data").EnumerateArray().Select(e => e.Str("id")));
    }

    [Theory]
    [InlineData("/v2/legal-entities?limit=0")]
    [InlineData("/v2/legal-entities?limit=101")]
    [InlineData("/v2/legal-entities?id=abc")]
    [InlineData("/v2/workplaces?limit=201")]
    [InlineData("/v2/cost-centers?limit=0")]
    [InlineData("/v2/org-units/2801")]
    [InlineData("/v2/org-units/2801?type=division")]
    public async Task ReferenceEndpoints_InvalidParameters_Return400ProblemJson(string url)
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);

        var response = await company.GetAsync(await company.V2TokenAsync(), url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/v2/legal-entities/9999")]
    [InlineData("/v2/org-units/9999?type=department")]
    [InlineData("/v2/org-units/2801?type=team")]
    public async Task ReferenceEndpoints_UnknownId_Return404ResourceNotFound(string url)
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);

        var response = await company.GetAsync(await company.V2TokenAsync(), url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Resource not found", (await response.ReadJsonAsync()).GetProperty("errors")[0].Str("title"));
    }

    [Fact]
    public async Task LegalEntity_ById_ReturnsTheEntity()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);

        var entity = await company.GetJsonAsync(await company.V2TokenAsync(), "/v2/legal-entities/7702");

        Assert.Equal("7702", entity.Str("id"));
        Assert.Equal("Sandbox Company Österreich GmbH", entity.Str("name"));
        Assert.Equal("AT", entity.Str("country"));
    }

    [Fact]
    public async Task OrgUnits_DepartmentAndTeamOfAnEmployment_HaveNamesMatchingV1()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(5);
        var token = await company.V2TokenAsync();
        var id = (await company.EmployeeIdsAsync())[1];
        var v1 = await company.V1EmployeeAsync(id);
        var units = (await company.V2EmploymentAsync(id, token)).OrgUnits();

        var department = await company.GetJsonAsync(token, $"/v2/org-units/{units[0].Id}?type=department");
        var team = await company.GetJsonAsync(token, $"/v2/org-units/{units[1].Id}?type=team");

        Assert.Equal(["id", "type", "name", "abbreviation", "description", "parent_id"], department.Keys());
        Assert.Equal(v1.Nested("department").Str("name"), department.Str("name"));
        Assert.Equal("department", department.Str("type"));
        Assert.Equal(JsonValueKind.Null, department.GetProperty("parent_id").ValueKind);
        Assert.Equal(v1.Nested("team").Str("name"), team.Str("name"));
        Assert.Equal(units[0].Id, team.Str("parent_id"));
    }

    [Fact]
    public async Task Workplaces_List_NamesEveryOfficeAndPagesByCursor()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(20);
        var token = await company.V2TokenAsync();
        var v1Offices = (await company.GetJsonAsync(await company.V1TokenAsync(), "/v1/company/employees?limit=100")).GetProperty("data")
            .EnumerateArray().Select(e => e.Nested("office")).Select(o => (o.Int("id").ToString(System.Globalization.CultureInfo.InvariantCulture), o.Str("name"))).Distinct();

        var all = await company.GetJsonAsync(token, "/v2/workplaces");
        var first = await company.GetJsonAsync(token, "/v2/workplaces?limit=5");
        var second = await company.GetJsonAsync(token, first.GetProperty("_meta").GetProperty("links").GetProperty("next").Str("href"));
        var named = all.GetProperty("_data").EnumerateArray().Select(w => (w.Str("id"), w.Str("name"))).ToList();

        Assert.Equal(7, named.Count);
        Assert.Equal(["id", "name"], all.GetProperty("_data")[0].Keys());
        Assert.Contains(("1301", "Berlin"), named);
        Assert.All(v1Offices, o => Assert.Contains(o, named));
        Assert.Equal(named, first.GetProperty("_data").EnumerateArray().Concat(second.GetProperty("_data").EnumerateArray()).Select(w => (w.Str("id"), w.Str("name"))));
        Assert.False(second.GetProperty("_meta").GetProperty("links").TryGetProperty("next", out _));
    }

    [Fact]
    public async Task CostCenters_List_NamesTheCostCentersOnEmployments()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(5);
        var token = await company.V2TokenAsync();
        var id = (await company.EmployeeIdsAsync())[1];
        var v1 = await company.V1EmployeeAsync(id);
        var employment = await company.V2EmploymentAsync(id, token);

        var centers = (await company.GetJsonAsync(token, "/v2/cost-centers")).GetProperty("_data").EnumerateArray().ToList();
        var named = centers.Single(c => c.Str("id") == employment.CostCenters()[0].Id);

        Assert.Equal(8, centers.Count);
        Assert.Equal(["id", "name"], named.Keys());
        Assert.Equal(v1.V1CostCenters()[0].Name, named.Str("name"));
    }

    [Theory]
    [InlineData("/v2/legal-entities", "personio:legal-entities:read")]
    [InlineData("/v2/org-units/2801?type=department", "personio:org-units:read")]
    [InlineData("/v2/workplaces", "personio:workplaces:read")]
    [InlineData("/v2/cost-centers", "personio:cost-centers:read")]
    public async Task ReferenceEndpoints_EachNeedItsOwnModuleRightAndScope(string url, string scope)
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);
        var (withoutRight, withoutRightSecret) = await company.CreateCredentialAsync(scopes: ["personio:persons:read"]);
        var (withRight, withRightSecret) = await company.CreateCredentialAsync(scopes: ["personio:persons:read", scope]);

        var noRight = await company.GetAsync(await company.V2TokenAsync(withoutRight, withoutRightSecret), url);
        var narrowToken = await company.GetAsync(await company.V2TokenAsync(withRight, withRightSecret, "personio:persons:read"), url);
        var granted = await company.GetAsync(await company.V2TokenAsync(withRight, withRightSecret, scope), url);

        Assert.Equal(HttpStatusCode.Unauthorized, noRight.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, narrowToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
    }
}
