namespace Rollcall.PersonioSandbox.Tests.RateLimits;

public sealed class RateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SandboxApp LimitedApp() => new SandboxApp().With("Sandbox:RateLimits:Enabled", "true");

    [Fact]
    public async Task Employees_SixteenthCallInOneSecond_Returns429InV1EnvelopeUntilNextSecond()
    {
        await using var app = LimitedApp();
        var company = await app.CreateCompanyAsync(2);
        var token = await company.V1TokenAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 16; i++)
        {
            statuses.Add((await company.GetAsync(token, "/v1/company/employees")).StatusCode);
        }

        var limited = await company.GetAsync(token, "/v1/company/employees");
        app.Time.Advance(TimeSpan.FromSeconds(1));
        var after = await company.GetAsync(token, "/v1/company/employees");

        Assert.All(statuses.Take(15), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[15]);
        Assert.Equal(429, (await limited.ReadJsonAsync()).GetProperty("error").Int("code"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Employees_301stCallInOneMinute_Returns429UntilWindowSlides()
    {
        await using var app = LimitedApp();
        var company = await app.CreateCompanyAsync(1);
        var token = await company.V1TokenAsync();

        for (var second = 0; second < 20; second++)
        {
            for (var i = 0; i < 15; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await company.GetAsync(token, "/v1/company/employees")).StatusCode);
            }

            app.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var limited = await company.GetAsync(token, "/v1/company/employees");
        app.Time.Advance(TimeSpan.FromSeconds(40));
        var after = await company.GetAsync(token, "/v1/company/employees");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task V1Auth_61stCallInAMinute_Returns429ForSixtySecondCooldown()
    {
        await using var app = LimitedApp();
        var company = await app.CreateCompanyAsync(1);
        var client = app.CreateClient();
        var body = new { client_id = company.ClientId, client_secret = company.Secret };

        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/auth", body, Ct)).StatusCode);
        }

        var limited = await client.PostAsJsonAsync("/v1/auth", body, Ct);
        app.Time.Advance(TimeSpan.FromSeconds(59));
        var duringCooldown = await client.PostAsJsonAsync("/v1/auth", body, Ct);
        app.Time.Advance(TimeSpan.FromSeconds(2));
        var after = await client.PostAsJsonAsync("/v1/auth", body, Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.False((await limited.ReadJsonAsync()).GetProperty("success").GetBoolean());
        Assert.Equal(HttpStatusCode.TooManyRequests, duringCooldown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task V2Token_After150PerMinute_AllowsOnePerSecondForAMinute()
    {
        await using var app = LimitedApp();
        var company = await app.CreateCompanyAsync(1);
        var client = app.CreateClient();
        FormUrlEncodedContent Form() => new(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = company.ClientId, ["client_secret"] = company.Secret,
        });

        for (var i = 0; i < 150; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v2/auth/token", Form(), Ct)).StatusCode);
        }

        var limited = await client.PostAsync("/v2/auth/token", Form(), Ct);
        app.Time.Advance(TimeSpan.FromSeconds(1.5));
        var onePerSecond = await client.PostAsync("/v2/auth/token", Form(), Ct);
        var secondInSameSecond = await client.PostAsync("/v2/auth/token", Form(), Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.False(limited.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, onePerSecond.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, secondInSameSecond.StatusCode);
    }

    [Fact]
    public async Task RateLimits_SwitchedOffAtRunTime_StopLimiting()
    {
        await using var app = LimitedApp();
        var company = await app.CreateCompanyAsync(1);
        var token = await company.V1TokenAsync();

        await app.CreateClient().PutAsJsonAsync("/_sandbox/rate-limits", new { enabled = false }, Ct);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            statuses.Add((await company.GetAsync(token, "/v1/company/employees")).StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task V2Persons_Responses_CarryTokenBucketHeaders()
    {
        await using var app = LimitedApp();
        var company = await app.CreateCompanyAsync(1);
        var token = await company.V2TokenAsync();

        var first = await company.GetAsync(token, "/v2/persons");
        var second = await company.GetAsync(token, "/v2/persons");

        Assert.Equal("30", first.Headers.GetValues("x-ratelimit-burst-capacity").Single());
        Assert.Equal("29", first.Headers.GetValues("x-ratelimit-remaining").Single());
        Assert.Equal("28", second.Headers.GetValues("x-ratelimit-remaining").Single());
    }

    [Fact]
    public async Task Employees_WithRateLimitHeadersOn_CountDownTheMinuteAndSayWhenItFrees()
    {
        await using var app = LimitedApp().With("Sandbox:RateLimits:SendRateLimitHeaders", "true").With("Sandbox:RateLimits:V1EmployeesPerMinute", "3");
        var company = await app.CreateCompanyAsync(1);
        var token = await company.V1TokenAsync();

        var first = await company.GetAsync(token, "/v1/company/employees");
        app.Time.Advance(TimeSpan.FromSeconds(20));
        await company.GetAsync(token, "/v1/company/employees");
        var last = await company.GetAsync(token, "/v1/company/employees");
        var limited = await company.GetAsync(token, "/v1/company/employees");

        Assert.Equal(("3", "2", "60"), Headers(first));
        Assert.Equal(("3", "0", "40"), Headers(last));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(("3", "0", "40"), Headers(limited));
    }

    [Fact]
    public async Task Employees_RateLimitHeadersOff_NoneSent()
    {
        await using var app = LimitedApp();
        var company = await app.CreateCompanyAsync(1);

        var response = await company.GetAsync(await company.V1TokenAsync(), "/v1/company/employees");

        Assert.False(response.Headers.Contains("X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Employees_RetryAfterAsDate_DatePlusOneSecond()
    {
        await using var app = LimitedApp().With("Sandbox:RateLimits:SendRetryAfter", "true").With("Sandbox:RateLimits:RetryAfterAsDate", "true")
            .With("Sandbox:RateLimits:V1EmployeesPerMinute", "1");
        var company = await app.CreateCompanyAsync(1);
        var token = await company.V1TokenAsync();

        await company.GetAsync(token, "/v1/company/employees");
        var limited = await company.GetAsync(token, "/v1/company/employees");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(limited.Headers.Date?.AddSeconds(1), limited.Headers.RetryAfter?.Date);
    }

    private static (string?, string?, string?) Headers(HttpResponseMessage response) => (
        response.Headers.TryGetValues("X-RateLimit-Limit", out var limit) ? limit.Single() : null,
        response.Headers.TryGetValues("X-RateLimit-Remaining", out var remaining) ? remaining.Single() : null,
        response.Headers.TryGetValues("X-RateLimit-Reset", out var reset) ? reset.Single() : null);
}
