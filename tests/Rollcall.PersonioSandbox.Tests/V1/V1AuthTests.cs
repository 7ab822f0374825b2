namespace Rollcall.PersonioSandbox.Tests.V1;

public sealed class V1AuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Auth_JsonBody_ReturnsPapiTokenWith24Hours()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3);

        var response = await app.CreateClient().PostAsJsonAsync("/v1/auth", new { client_id = company.ClientId, client_secret = company.Secret }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJsonAsync();
        Assert.True(json.GetProperty("success").GetBoolean());
        Assert.StartsWith("papi-", json.GetProperty("data").Str("token"), StringComparison.Ordinal);
        Assert.Equal(86400, json.GetProperty("data").Int("expires_in"));
        Assert.Equal("employees:read", json.GetProperty("data").Str("scope"));
    }

    [Fact]
    public async Task Auth_FormBody_IsAccepted()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3);
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = company.ClientId, ["client_secret"] = company.Secret });

        var response = await app.CreateClient().PostAsync("/v1/auth", form, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Auth_RepeatedWithin24Hours_ReturnsSameTokenThenNewAfterExpiry()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3);

        var first = await company.V1TokenAsync();
        app.Time.Advance(TimeSpan.FromHours(23.9));
        var second = await company.V1TokenAsync();
        var stillValid = await company.GetAsync(second, "/v1/company/employees");
        app.Time.Advance(TimeSpan.FromHours(0.2));
        var expired = await company.GetAsync(first, "/v1/company/employees");
        var third = await company.V1TokenAsync();

        Assert.Equal(first, second);
        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Equal("Provided authorization is not valid", (await expired.ReadJsonAsync()).GetProperty("error").Str("message"));
        Assert.NotEqual(first, third);
    }

    [Fact]
    public async Task Auth_WrongSecret_Returns401InV1Envelope()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3);

        var response = await app.CreateClient().PostAsJsonAsync("/v1/auth", new { client_id = company.ClientId, client_secret = "papi-wrong" }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var json = await response.ReadJsonAsync();
        Assert.False(json.GetProperty("success").GetBoolean());
        Assert.Equal(401, json.GetProperty("error").Int("code"));
    }

    [Fact]
    public async Task Auth_DisabledCredential_RefusesLoginAndIssuedTokens()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3);
        var token = await company.V1TokenAsync();

        await app.CreateClient().PostAsync($"/_sandbox/credentials/{company.ClientId}/disable", null, Ct);
        var login = await app.CreateClient().PostAsJsonAsync("/v1/auth", new { client_id = company.ClientId, client_secret = company.Secret }, Ct);
        var call = await company.GetAsync(token, "/v1/company/employees");

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, call.StatusCode);
    }

    [Fact]
    public async Task Auth_NewCredential_LeavesExistingCredentialWorking()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3);
        var oldToken = await company.V1TokenAsync();

        var (clientId, secret) = await company.CreateCredentialAsync();
        var newToken = await company.V1TokenAsync(clientId, secret);

        Assert.Equal(HttpStatusCode.OK, (await company.GetAsync(oldToken, "/v1/company/employees")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await company.GetAsync(newToken, "/v1/company/employees")).StatusCode);
    }

    [Fact]
    public async Task Auth_RegeneratedSecret_RejectsOldSecretAndAcceptsNew()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3);

        var response = await app.CreateClient().PostAsync($"/_sandbox/credentials/{company.ClientId}/regenerate-secret", null, Ct);
        var newSecret = (await response.ReadJsonAsync()).Str("client_secret");
        var old = await app.CreateClient().PostAsJsonAsync("/v1/auth", new { client_id = company.ClientId, client_secret = company.Secret }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.NotEqual(company.Secret, newSecret);
        Assert.StartsWith("papi-", await company.V1TokenAsync(company.ClientId, newSecret), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Accept", HttpStatusCode.OK)]
    [InlineData("Reject", HttpStatusCode.Forbidden)]
    public async Task Auth_QueryStringCredentials_FollowConfiguredMode(string mode, HttpStatusCode expected)
    {
        await using var app = new SandboxApp().With("Sandbox:Auth:QueryStringCredentials", mode);
        var company = await app.CreateCompanyAsync(3);

        var response = await app.CreateClient().PostAsync($"/v1/auth?client_id={company.ClientId}&client_secret={company.Secret}", null, Ct);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Employees_SuccessfulCall_EchoesSameTokenInAuthorizationHeader()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3);
        var token = await company.V1TokenAsync();

        var response = await company.GetAsync(token, "/v1/company/employees");

        Assert.Equal($"Bearer {token}", response.Headers.GetValues("Authorization").Single());
    }

    [Fact]
    public async Task Employees_LegacyRotatingMode_IssuesNewTokenAndBlacklistsUsedOne()
    {
        await using var app = new SandboxApp().With("Sandbox:Auth:LegacyRotatingTokens", "true");
        var company = await app.CreateCompanyAsync(3);
        var token = await company.V1TokenAsync();

        var first = await company.GetAsync(token, "/v1/company/employees");
        var next = first.Headers.GetValues("Authorization").Single()["Bearer ".Length..];
        var reused = await company.GetAsync(token, "/v1/company/employees");
        var rotated = await company.GetAsync(next, "/v1/company/employees");

        Assert.NotEqual(token, next);
        Assert.Equal(HttpStatusCode.Forbidden, reused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
    }
}
