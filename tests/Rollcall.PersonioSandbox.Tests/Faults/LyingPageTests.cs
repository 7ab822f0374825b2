namespace Rollcall.PersonioSandbox.Tests.Faults;

/// <summary>lying_empty_page and lying_total: pages whose metadata misstates where the list ends.</summary>
public sealed class LyingPageTests
{
    [Fact]
    public async Task LyingEmptyPage_V1_ClaimsTheListEndedBeforeThePage()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(250);
        var token = await company.V1TokenAsync();
        await app.ArmFaultAsync(new { kind = "lying_empty_page", page = 1 });

        var json = await company.GetJsonAsync(token, "/v1/company/employees?limit=100&offset=100");
        var metadata = json.GetProperty("metadata");

        Assert.Equal(0, json.GetProperty("data").GetArrayLength());
        Assert.Equal(100, metadata.Int("total_elements"));
        Assert.Equal(1, metadata.Int("total_pages"));
        Assert.Equal(1, metadata.Int("current_page"));
    }

    [Fact]
    public async Task LyingEmptyPage_V2_HasNoRecordsAndNoNextLink()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(120);
        var token = await company.V2TokenAsync();
        await app.ArmFaultAsync(new { kind = "lying_empty_page", path = "/v2/persons", page = 1 });

        var page0 = await company.V2PageAsync(token, "/v2/persons?limit=50");
        var page1 = await company.V2PageAsync(token, page0.Next!);

        Assert.Equal(50, page0.Ids.Length);
        Assert.Empty(page1.Ids);
        Assert.Null(page1.Next);
    }

    [Fact]
    public async Task LyingTotal_DefaultsToOneShort_AndRecomputesTotalPages()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(201);
        var token = await company.V1TokenAsync();
        await app.ArmFaultAsync(new { kind = "lying_total" });

        var json = await company.GetJsonAsync(token, "/v1/company/employees?limit=100");
        var metadata = json.GetProperty("metadata");

        // A client trusting total_pages stops after page 1 and never reads the 201st employee.
        Assert.Equal(100, json.GetProperty("data").GetArrayLength());
        Assert.Equal(200, metadata.Int("total_elements"));
        Assert.Equal(2, metadata.Int("total_pages"));
    }

    [Fact]
    public async Task LyingTotal_PositiveDelta_PromisesAPageThatIsEmpty()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(200);
        var token = await company.V1TokenAsync();
        await app.ArmFaultAsync(new { kind = "lying_total", total_delta = 1, times = 0 });

        var page0 = await company.GetJsonAsync(token, "/v1/company/employees?limit=100");
        var page2 = await company.GetJsonAsync(token, "/v1/company/employees?limit=100&offset=200");

        Assert.Equal(201, page0.GetProperty("metadata").Int("total_elements"));
        Assert.Equal(3, page0.GetProperty("metadata").Int("total_pages"));
        Assert.Equal(0, page2.GetProperty("data").GetArrayLength());
    }
}
