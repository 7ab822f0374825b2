namespace Rollcall.PersonioSandbox.Tests.Control;

/// <summary><c>/_sandbox/requests</c>: Personio API requests counted by method and route template.</summary>
public sealed class RequestCountTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Counts_EveryPersonioRequest_ButNoControlCalls_AndResets()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(30);
        var v1 = await company.V1TokenAsync();
        var v2 = await company.V2TokenAsync();
        var first = (await company.GetJsonAsync(v1, "/v1/company/employees?limit=10")).GetProperty("data")[0].EmployeeId();
        await company.GetAsync(v1, "/v1/company/employees?limit=10&offset=10");
        await company.GetAsync(v1, $"/v1/company/employees/{first}");
        await company.GetAsync(v2, $"/v2/persons/{first}");
        await company.GetAsync("wrong", "/v2/persons");
        await company.GetAsync(v1, "/v1/company/nothing-here");
        var armed = await app.CreateClient().PostAsJsonAsync("/_sandbox/faults", new { kind = "server_error" }, Ct);
        var faulted = await company.GetAsync(v1, "/v1/company/employees");

        var counts = await CountsAsync(app);
        await app.CreateClient().DeleteAsync("/_sandbox/requests", Ct);
        var reset = await CountsAsync(app);

        Assert.Equal(HttpStatusCode.Created, armed.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, faulted.StatusCode);
        Assert.Equal(new Dictionary<string, int>
        {
            ["GET /v1/company/employees"] = 3,
            ["GET /v1/company/employees/{id}"] = 1,
            ["GET /v1/{**path}"] = 1,
            ["GET /v2/persons"] = 1,
            ["GET /v2/persons/{id}"] = 1,
            ["POST /v1/auth"] = 1,
            ["POST /v2/auth/token"] = 1,
        }, counts);
        Assert.Empty(reset);
    }

    [Fact]
    public async Task Counts_RequestsTheRateLimiterRejects()
    {
        await using var app = new SandboxApp().With("Sandbox:RateLimits:Enabled", "true");
        var company = await app.CreateCompanyAsync(3);
        var token = await company.V1TokenAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            statuses.Add((await company.GetAsync(token, "/v1/company/employees")).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(20, (await CountsAsync(app))["GET /v1/company/employees"]);
    }

    private static async Task<Dictionary<string, int>> CountsAsync(SandboxApp app) =>
        (await app.CreateClient().GetFromJsonAsync<Dictionary<string, int>>("/_sandbox/requests", Ct))!;
}
