namespace Rollcall.PersonioSandbox.Tests.V2;

public sealed class V2AuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FormUrlEncodedContent Form(Company c, string? secret = null, string? scope = null, string grant = "client_credentials")
    {
        var values = new Dictionary<string, string> { ["grant_type"] = grant, ["client_id"] = c.ClientId, ["client_secret"] = secret ?? c.Secret };
        if (scope is not null)
        {
            values["scope"] = scope;
        }

        return new FormUrlEncodedContent(values);
    }

    [Fact]
    public async Task Token_FormRequest_ReturnsBearerTokenReusedFor24Hours()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);

        var first = await (await app.CreateClient().PostAsync("/v2/auth/token", Form(company), Ct)).ReadJsonAsync();
        app.Time.Advance(TimeSpan.FromHours(1));
        var second = await (await app.CreateClient().PostAsync("/v2/auth/token", Form(company), Ct)).ReadJsonAsync();

        Assert.Equal("Bearer", first.Str("token_type"));
        Assert.StartsWith("papi-", first.Str("access_token"), StringComparison.Ordinal);
        Assert.Equal(86400, first.Int("expires_in"));
        Assert.Equal(first.Str("access_token"), second.Str("access_token"));
        Assert.Equal(86400 - 3600, second.Int("expires_in"));
    }

    [Fact]
    public async Task Token_JsonBody_Returns400InvalidRequest()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);

        var response = await app.CreateClient().PostAsJsonAsync("/v2/auth/token", new { grant_type = "client_credentials", client_id = company.ClientId, client_secret = company.Secret }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.ReadJsonAsync()).Str("error"));
    }

    [Theory]
    [InlineData("400", "400")]
    [InlineData("401", "401")]
    public async Task Token_WrongSecret_ReturnsInvalidClientWithConfiguredStatus(string setting, string expected)
    {
        await using var app = new SandboxApp().With("Sandbox:Auth:V2InvalidClientStatus", setting);
        var company = await app.CreateCompanyAsync(1);

        var response = await app.CreateClient().PostAsync("/v2/auth/token", Form(company, secret: "papi-nope"), Ct);

        Assert.Equal(expected, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var json = await response.ReadJsonAsync();
        Assert.Equal("invalid_client", json.Str("error"));
        Assert.True(json.TryGetProperty("trace_id", out _));
    }

    [Fact]
    public async Task Token_UnknownGrantOrScope_ReturnsOAuthErrors()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);
        var (clientId, secret) = await company.CreateCredentialAsync(scopes: ["personio:persons:read"]);
        var limited = company with { ClientId = clientId, Secret = secret };

        var grant = await app.CreateClient().PostAsync("/v2/auth/token", Form(company, grant: "password"), Ct);
        var scope = await app.CreateClient().PostAsync("/v2/auth/token", Form(limited, scope: "personio:webhooks:write"), Ct);

        Assert.Equal("unsupported_grant_type", (await grant.ReadJsonAsync()).Str("error"));
        Assert.Equal(HttpStatusCode.BadRequest, scope.StatusCode);
        Assert.Equal("invalid_scope", (await scope.ReadJsonAsync()).Str("error"));
    }

    [Fact]
    public async Task Revoke_Token_MakesItUnusable()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);
        var token = await company.V2TokenAsync();

        var revoke = await app.CreateClient().PostAsync("/v2/auth/revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }), Ct);
        var after = await company.GetAsync(token, "/v2/persons");

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("application/problem+json", after.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Persons_TokenWithoutPersonsScope_Returns403InsufficientScope()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);
        var token = await company.V2TokenAsync(scope: "personio:webhooks:read");

        var response = await company.GetAsync(token, "/v2/persons");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Insufficient access scope", (await response.ReadJsonAsync()).GetProperty("errors")[0].Str("title"));
    }

    [Fact]
    public async Task Persons_CredentialWithoutPersonsRight_Returns401()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);
        var (clientId, secret) = await company.CreateCredentialAsync(scopes: ["personio:webhooks:read"]);
        var token = await company.V2TokenAsync(clientId, secret);

        var response = await company.GetAsync(token, "/v2/persons");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).TryGetProperty("personio_trace_id", out _));
    }
}
