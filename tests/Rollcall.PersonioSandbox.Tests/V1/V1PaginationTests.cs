namespace Rollcall.PersonioSandbox.Tests.V1;

public sealed class V1PaginationTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(99, 1)]
    [InlineData(100, 1)]
    [InlineData(101, 2)]
    public async Task Employees_WalkWithLimit100_PagesAddUpToEveryEmployeeOnce(int size, int expectedPages)
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(size);
        var token = await company.V1TokenAsync();

        var ids = await WalkAsync(company, token, 100, expectedPages, size);

        Assert.Equal(size, ids.Count);
        Assert.Equal(size, ids.Distinct().Count());
    }

    [Fact]
    public async Task Employees_TenThousandWithDefaultLimit_Has200PagesOf50()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(10_000);
        var token = await company.V1TokenAsync();

        var first = await company.GetJsonAsync(token, "/v1/company/employees");
        var ids = await WalkAsync(company, token, 100, 100, 10_000);

        Assert.Equal(50, first.Int("limit"));
        Assert.Equal(50, first.GetProperty("data").GetArrayLength());
        Assert.Equal(200, first.GetProperty("metadata").Int("total_pages"));
        Assert.Equal(10_000, ids.Distinct().Count());
    }

    [Fact]
    public async Task Employees_LimitAbove100_IsCappedTo100ByDefault()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(150);
        var token = await company.V1TokenAsync();

        var json = await company.GetJsonAsync(token, "/v1/company/employees?limit=200");

        Assert.Equal(100, json.Int("limit"));
        Assert.Equal(100, json.GetProperty("data").GetArrayLength());
        Assert.Equal(2, json.GetProperty("metadata").Int("total_pages"));
    }

    [Fact]
    public async Task Employees_LimitAbove100InRejectMode_Returns400()
    {
        await using var app = new SandboxApp().With("Sandbox:Employees:OversizedLimit", "Reject");
        var company = await app.CreateCompanyAsync(5);
        var token = await company.V1TokenAsync();

        var response = await company.GetAsync(token, "/v1/company/employees?limit=101");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Employees_OffsetIsRecordOffset_CurrentPageIsFloorOfOffsetOverLimit()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(30);
        var token = await company.V1TokenAsync();
        var all = (await company.GetJsonAsync(token, "/v1/company/employees?limit=30")).GetProperty("data");

        var json = await company.GetJsonAsync(token, "/v1/company/employees?limit=10&offset=15");

        Assert.Equal(1, json.GetProperty("metadata").Int("current_page"));
        Assert.Equal(3, json.GetProperty("metadata").Int("total_pages"));
        Assert.Equal(15, json.Int("offset"));
        Assert.Equal(all[15].EmployeeId(), json.GetProperty("data")[0].EmployeeId());
        Assert.Equal(10, json.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Employees_OffsetPastEnd_ReturnsEmptyDataWithTotals()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(7);
        var token = await company.V1TokenAsync();

        var json = await company.GetJsonAsync(token, "/v1/company/employees?limit=5&offset=50");

        Assert.Equal(0, json.GetProperty("data").GetArrayLength());
        Assert.Equal(7, json.GetProperty("metadata").Int("total_elements"));
        Assert.Equal(10, json.GetProperty("metadata").Int("current_page"));
    }

    [Fact]
    public async Task Employees_EmailFilter_ReturnsListWithOneMatch()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(40);
        var token = await company.V1TokenAsync();
        var target = (await company.GetJsonAsync(token, "/v1/company/employees?limit=40")).GetProperty("data")[17];

        var json = await company.GetJsonAsync(token, "/v1/company/employees?email=" + Uri.EscapeDataString(target.Attr("email").GetString()!));

        Assert.Equal(1, json.GetProperty("metadata").Int("total_elements"));
        Assert.Equal(target.EmployeeId(), json.GetProperty("data")[0].EmployeeId());
    }

    /// <summary>Personio's documented loop: offset += limit until current_page >= total_pages - 1.</summary>
    private static async Task<List<int>> WalkAsync(Company company, string token, int limit, int expectedPages, int expectedTotal)
    {
        var ids = new List<int>();
        for (int offset = 0, page = 0; ; offset += limit, page++)
        {
            var json = await company.GetJsonAsync(token, $"/v1/company/employees?limit={limit}&offset={offset}");
            var metadata = json.GetProperty("metadata");
            Assert.Equal(expectedTotal, metadata.Int("total_elements"));
            Assert.Equal(expectedPages, metadata.Int("total_pages"));
            Assert.Equal(page, metadata.Int("current_page"));
            ids.AddRange(json.GetProperty("data").EnumerateArray().Select(e => e.EmployeeId()));
            if (metadata.Int("current_page") >= metadata.Int("total_pages") - 1)
            {
                return ids;
            }
        }
    }
}
