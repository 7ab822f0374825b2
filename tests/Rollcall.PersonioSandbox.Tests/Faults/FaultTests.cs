namespace Rollcall.PersonioSandbox.Tests.Faults;

public sealed class FaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task ArmAsync(SandboxApp app, object fault)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/_sandbox/faults", fault, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task ServerError_OnChosenPage_HitsOnlyThatPageOnce()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(30);
        var token = await company.V1TokenAsync();
        await ArmAsync(app, new { kind = "server_error", page = 1, status_code = 503 });

        var page0 = await company.GetAsync(token, "/v1/company/employees?limit=10&offset=0");
        var page1 = await company.GetAsync(token, "/v1/company/employees?limit=10&offset=10");
        var retry = await company.GetAsync(token, "/v1/company/employees?limit=10&offset=10");

        Assert.Equal(HttpStatusCode.OK, page0.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page1.StatusCode);
        Assert.False((await page1.ReadJsonAsync()).GetProperty("success").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
    }

    [Fact]
    public async Task DropConnection_FailsTheRequestWithoutResponse()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3);
        var token = await company.V1TokenAsync();
        await ArmAsync(app, new { kind = "drop_connection" });

        await Assert.ThrowsAnyAsync<Exception>(() => company.GetAsync(token, "/v1/company/employees"));
        Assert.Equal(HttpStatusCode.OK, (await company.GetAsync(token, "/v1/company/employees")).StatusCode);
    }

    [Fact]
    public async Task MalformedJson_Returns200WithUnparseableBody()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3);
        var token = await company.V1TokenAsync();
        await ArmAsync(app, new { kind = "malformed_json" });

        var response = await company.GetAsync(token, "/v1/company/employees");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Assert.ThrowsAnyAsync<JsonException>(() => response.ReadJsonAsync());
    }

    [Fact]
    public async Task EmptyPage_KeepsMetadataButDropsRecords()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(12);
        var token = await company.V1TokenAsync();
        await ArmAsync(app, new { kind = "empty_page" });

        var json = await company.GetJsonAsync(token, "/v1/company/employees");

        Assert.Equal(12, json.GetProperty("metadata").Int("total_elements"));
        Assert.Equal(0, json.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task RateLimitedBurst_AnswersThree429sThenRecovers()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3);
        var token = await company.V2TokenAsync();
        await ArmAsync(app, new { kind = "rate_limited", path = "/v2/persons*", times = 3 });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await company.GetAsync(token, "/v2/persons")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task Delay_HoldsTheResponseUntilTheClockMoves()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3);
        var token = await company.V1TokenAsync();
        await ArmAsync(app, new { kind = "delay", delay_ms = 30_000 });

        var pending = company.GetAsync(token, "/v1/company/employees");
        await Task.Delay(200, Ct);
        var completedEarly = pending.IsCompleted;
        app.Time.Advance(TimeSpan.FromSeconds(30));
        var response = await pending.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.False(completedEarly);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Faults_NeverHitControlApi()
    {
        await using var app = new SandboxApp();
        await ArmAsync(app, new { kind = "server_error", path = "/*", times = 0 });

        var response = await app.CreateClient().GetAsync("/_sandbox/faults", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await response.ReadJsonAsync())[0].GetProperty("remaining").GetString());
    }
}
