namespace Rollcall.PersonioSandbox.Tests.Faults;

/// <summary>Faults aimed at one credential, and the Retry-After a fault can carry in either form.</summary>
public sealed class CredentialFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FaultForOneCredential_HitsItsTokenRequestsAndDataRequests_NotAnotherCredentials()
    {
        await using var app = new SandboxApp();
        var a = await app.CreateCompanyAsync(3, seed: 1);
        var b = await app.CreateCompanyAsync(3, seed: 2);
        var tokenA = await a.V1TokenAsync();
        var tokenB = await b.V1TokenAsync();
        await app.ArmFaultAsync(new { kind = "server_error", path = "/v1/*", times = 0, client_id = a.ClientId });
        var client = app.CreateClient();

        var dataA = await a.GetAsync(tokenA, "/v1/company/employees");
        var authA = await client.PostAsJsonAsync("/v1/auth", new { client_id = a.ClientId, client_secret = a.Secret }, Ct);
        var formAuthA = await client.PostAsync("/v1/auth", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = a.ClientId, ["client_secret"] = a.Secret,
        }), Ct);
        var dataB = await b.GetAsync(tokenB, "/v1/company/employees");
        var authB = await client.PostAsJsonAsync("/v1/auth", new { client_id = b.ClientId, client_secret = b.Secret }, Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, dataA.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, authA.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, formAuthA.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dataB.StatusCode);
        Assert.Equal(3, (await dataB.ReadJsonAsync()).GetProperty("data").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, authB.StatusCode);
    }

    [Fact]
    public async Task RateLimited_WithRetryAfterSeconds_SendsThem()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3);
        var token = await company.V1TokenAsync();
        await app.ArmFaultAsync(new { kind = "rate_limited", retry_after_seconds = 42 });

        var response = await company.GetAsync(token, "/v1/company/employees");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(42), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task RateLimited_WithRetryAfterAsDate_SendsTheAnswersDatePlusTheSeconds()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3);
        var token = await company.V1TokenAsync();
        await app.ArmFaultAsync(new { kind = "server_error", status_code = 503, retry_after_seconds = 90, retry_after_as_date = true });

        var response = await company.GetAsync(token, "/v1/company/employees");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(app.Time.GetUtcNow().AddSeconds(90), response.Headers.RetryAfter?.Date);
        Assert.Equal(app.Time.GetUtcNow(), response.Headers.Date);
    }

    [Fact]
    public async Task RetryAfter_OnAKindThatSendsNoError_Refused()
    {
        await using var app = new SandboxApp();

        var response = await app.CreateClient().PostAsJsonAsync("/_sandbox/faults", new { kind = "delay", retry_after_seconds = 5 }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
