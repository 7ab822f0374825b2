namespace Rollcall.PersonioSandbox.Tests.V2;

public sealed class V2ErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Token_MultipartBody_Returns400InvalidRequest()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);
        using var body = new MultipartFormDataContent
        {
            { new StringContent("client_credentials"), "grant_type" },
            { new StringContent(company.ClientId), "client_id" },
            { new StringContent(company.Secret), "client_secret" },
        };

        var response = await app.CreateClient().PostAsync("/v2/auth/token", body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.ReadJsonAsync()).Str("error"));
    }

    [Fact]
    public async Task UnknownV2Route_Returns404ProblemJsonWithPath()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);
        var token = await company.V2TokenAsync();

        var response = await company.GetAsync(token, "/v2/employments");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.ReadJsonAsync();
        Assert.True(json.TryGetProperty("personio_trace_id", out _));
        Assert.Equal("/v2/employments", json.GetProperty("errors")[0].GetProperty("_meta").Str("path"));
    }
}
