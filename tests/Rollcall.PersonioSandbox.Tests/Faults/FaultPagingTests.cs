namespace Rollcall.PersonioSandbox.Tests.Faults;

/// <summary>Faults keyed to a page of a real client's walk, and a dropped connection on a real socket.</summary>
public sealed class FaultPagingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ServerError_OnPage2OfLimit100Walk_HitsOffset200OnceAndRetrySucceeds()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(250);
        var token = await company.V1TokenAsync();
        var armed = await app.CreateClient().PostAsJsonAsync("/_sandbox/faults", new { kind = "server_error", page = 2, status_code = 502 }, Ct);
        Assert.Equal(HttpStatusCode.Created, armed.StatusCode);

        var statuses = new List<HttpStatusCode>();
        foreach (var offset in new[] { 0, 100, 200, 200 })
        {
            statuses.Add((await company.GetAsync(token, $"/v1/company/employees?limit=100&offset={offset}")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.BadGateway, HttpStatusCode.OK], statuses);
        Assert.Equal(0, (await (await app.CreateClient().GetAsync("/_sandbox/faults", Ct)).ReadJsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task ServerError_OnPage1OfV2CursorWalk_HitsTheSecondPage()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(120);
        var token = await company.V2TokenAsync();
        await app.CreateClient().PostAsJsonAsync("/_sandbox/faults", new { kind = "server_error", path = "/v2/persons", page = 1 }, Ct);

        var first = await company.GetJsonAsync(token, "/v2/persons?limit=50");
        var next = first.GetProperty("_meta").GetProperty("links").GetProperty("next").Str("href");
        var failed = await company.GetAsync(token, next);
        var retried = await company.GetAsync(token, next);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
    }

    [Fact]
    public async Task DropConnection_OnKestrel_AbortsTheConnection()
    {
        await using var app = new SandboxApp();
        app.UseKestrel(0);
        app.StartServer();
        var company = await app.CreateCompanyAsync(3);
        var token = await company.V1TokenAsync();
        await app.CreateClient().PostAsJsonAsync("/_sandbox/faults", new { kind = "drop_connection" }, Ct);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => company.GetAsync(token, "/v1/company/employees"));
        var after = await company.GetAsync(token, "/v1/company/employees");

        // A reset on the real socket, not a response: the client sees the transport fail.
        Assert.IsAssignableFrom<IOException>(error.InnerException);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
