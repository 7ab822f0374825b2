namespace Rollcall.PersonioSandbox.Tests.V2;

public sealed class V2PersonsTests
{
    [Fact]
    public async Task Persons_CursorWalk_FollowsAbsoluteNextUntilAbsent()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(101);
        var token = await company.V2TokenAsync();

        var sizes = new List<int>();
        var ids = new List<string>();
        string? url = "/v2/persons?limit=50";
        while (url is not null)
        {
            var json = await company.GetJsonAsync(token, url);
            var data = json.GetProperty("_data");
            sizes.Add(data.GetArrayLength());
            ids.AddRange(data.EnumerateArray().Select(p => p.Str("id")));
            var links = json.GetProperty("_meta").GetProperty("links");
            Assert.StartsWith("http://localhost/", links.GetProperty("self").Str("href"), StringComparison.Ordinal);
            url = links.TryGetProperty("next", out var next) ? next.Str("href") : null;
            Assert.True(url is null || url.StartsWith("http://localhost/v2/persons?cursor=cur_", StringComparison.Ordinal), url);
        }

        Assert.Equal([50, 50, 1], sizes);
        Assert.Equal(101, ids.Distinct().Count());
    }

    [Fact]
    public async Task Persons_DefaultLimit_Is10()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(25);
        var token = await company.V2TokenAsync();

        var json = await company.GetJsonAsync(token, "/v2/persons");

        Assert.Equal(10, json.GetProperty("_data").GetArrayLength());
    }

    [Theory]
    [InlineData("limit=0", "Provided request parameters are invalid.")]
    [InlineData("limit=51", "Provided request parameters are invalid.")]
    [InlineData("id.nooperator=1", "Provided filter encoding is invalid.")]
    [InlineData("status=SOMETIMES", "Provided request parameters are invalid.")]
    [InlineData("cursor=garbage", "Provided request parameters are invalid.")]
    public async Task Persons_InvalidQuery_Returns400ProblemJson(string query, string detail)
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(2);
        var token = await company.V2TokenAsync();

        var response = await company.GetAsync(token, "/v2/persons?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(detail, (await response.ReadJsonAsync()).GetProperty("errors")[0].Str("detail"));
    }

    [Fact]
    public async Task Persons_CursorCarriesFilters_WhenOnlyNextHrefIsFollowed()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(200);
        var token = await company.V2TokenAsync();

        var inactive = new List<string>();
        string? url = "/v2/persons?status=INACTIVE&limit=5";
        while (url is not null)
        {
            var json = await company.GetJsonAsync(token, url);
            inactive.AddRange(json.GetProperty("_data").EnumerateArray().Select(p => p.Str("status")));
            url = json.GetProperty("_meta").GetProperty("links").TryGetProperty("next", out var next) ? next.Str("href") : null;
        }

        Assert.NotEmpty(inactive);
        Assert.All(inactive, s => Assert.Equal("INACTIVE", s));
        Assert.InRange(inactive.Count, 1, 199);
    }

    [Fact]
    public async Task Persons_EmailAndIdFilters_AreAndedCommaLists()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(10);
        var token = await company.V2TokenAsync();
        var all = (await company.GetJsonAsync(token, "/v2/persons?limit=10")).GetProperty("_data");

        var byIds = await company.GetJsonAsync(token, $"/v2/persons?id={all[1].Str("id")},{all[4].Str("id")}");
        var byBoth = await company.GetJsonAsync(token, $"/v2/persons?id={all[1].Str("id")}&email={Uri.EscapeDataString(all[4].Str("email"))}");

        Assert.Equal(2, byIds.GetProperty("_data").GetArrayLength());
        Assert.Equal(0, byBoth.GetProperty("_data").GetArrayLength());
    }

    [Fact]
    public async Task Persons_IdFilter_PagesThroughTheListedIdsInIdOrder()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(20);
        var token = await company.V2TokenAsync();
        var all = (await company.GetJsonAsync(token, "/v2/persons?limit=20")).GetProperty("_data").EnumerateArray().Select(p => p.Str("id")).ToList();

        var first = await company.GetJsonAsync(token, $"/v2/persons?limit=2&id={all[9]},{all[2]},999999,{all[5]}");
        var next = first.GetProperty("_meta").GetProperty("links").GetProperty("next").Str("href");
        var second = await company.GetJsonAsync(token, next);

        Assert.Equal([all[2], all[5]], first.GetProperty("_data").EnumerateArray().Select(p => p.Str("id")));
        Assert.Equal([all[9]], second.GetProperty("_data").EnumerateArray().Select(p => p.Str("id")));
        Assert.False(second.GetProperty("_meta").GetProperty("links").TryGetProperty("next", out _));
    }

    [Fact]
    public async Task Person_UnknownId_Returns404ResourceNotFound()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);
        var token = await company.V2TokenAsync();

        var response = await company.GetAsync(token, "/v2/persons/1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Resource not found", (await response.ReadJsonAsync()).GetProperty("errors")[0].Str("title"));
    }

    [Fact]
    public async Task Employments_PersonWithReferences_ResolveThroughReferenceEndpoints()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3);
        var token = await company.V2TokenAsync();
        var person = (await company.GetJsonAsync(token, "/v2/persons")).GetProperty("_data")[0];

        var employment = (await company.GetJsonAsync(token, person.GetProperty("_meta").GetProperty("links").GetProperty("employments").Str("href"))).GetProperty("_data")[0];
        var department = employment.GetProperty("org_units").EnumerateArray().Single(u => u.Str("type") == "department").Str("id");
        var orgUnit = await company.GetJsonAsync(token, $"/v2/org-units/{department}?type=department");
        var entity = await company.GetJsonAsync(token, $"/v2/legal-entities/{employment.GetProperty("legal_entity").Str("id")}");

        Assert.Equal(person.Str("id"), employment.GetProperty("person").Str("id"));
        Assert.Matches("^[0-9a-f-]{36}$", employment.Str("id"));
        Assert.False(string.IsNullOrEmpty(orgUnit.Str("name")));
        Assert.Matches("^[A-Z]{2}$", entity.Str("country"));
    }

    [Fact]
    public async Task Employments_UpdatedAtFilter_MatchesTheSecondPrecisionValueFromAResponse()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3);
        var token = await company.V2TokenAsync();
        var person = (await company.GetJsonAsync(token, "/v2/persons")).GetProperty("_data")[0].Str("id");
        var employment = (await company.GetJsonAsync(token, $"/v2/persons/{person}/employments")).GetProperty("_data")[0];

        var json = await company.GetJsonAsync(token, $"/v2/persons/{person}/employments?updated_at={employment.Str("updated_at")}");

        Assert.Equal([employment.Str("id")], json.GetProperty("_data").EnumerateArray().Select(e => e.Str("id")));
    }

    [Fact]
    public async Task V1Token_OnV2Persons_WorksWhenInterchangeableAndNotOtherwise()
    {
        await using var shared = new SandboxApp();
        await using var separate = new SandboxApp().With("Sandbox:Auth:TokensInterchangeable", "false");
        var a = await shared.CreateCompanyAsync(1);
        var b = await separate.CreateCompanyAsync(1);

        var sharedResponse = await a.GetAsync(await a.V1TokenAsync(), "/v2/persons");
        var separateResponse = await b.GetAsync(await b.V1TokenAsync(), "/v2/persons");

        Assert.Equal(HttpStatusCode.OK, sharedResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, separateResponse.StatusCode);
    }
}
