namespace Rollcall.PersonioSandbox.Tests.Webhooks;

public sealed class WebhookTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> RegisterAsync(Company company, string url, object? status = null, string[]? events = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/webhooks")
        {
            Content = JsonContent.Create(new Dictionary<string, object?>
            {
                ["url"] = url, ["status"] = status, ["auth_type"] = "TOKEN", ["token"] = "Bearer hook-secret-42",
                ["enabled_events"] = events ?? ["person.updated", "person.created", "employment.created"],
            }),
        };
        request.Headers.Authorization = new("Bearer", await company.V2TokenAsync());
        var response = await company.App.CreateClient().SendAsync(request, Ct);
        return await response.ReadJsonAsync() is var json && response.StatusCode == HttpStatusCode.Created
            ? json
            : throw new InvalidOperationException($"{(int)response.StatusCode}: {json}");
    }

    [Fact]
    public async Task EmailChange_DeliversPersonUpdatedWithConfiguredToken()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3);
        await RegisterAsync(company, receiver.Url, "ENABLED");

        await company.ControlAsync(HttpMethod.Put, "/employees/40001/email", new { email = "neue.adresse@sandboxcompany.example" });
        var (authorization, body) = await receiver.NextAsync();

        Assert.Equal("Bearer hook-secret-42", authorization);
        Assert.Equal("person.updated", body.Str("event_name"));
        Assert.Equal(company.Id, body.Str("company_id"));
        Assert.Equal("40001", body.GetProperty("payload").Str("id"));
        Assert.Equal("2026-03-02T09:00:00Z", body.Str("occurred_at"));
        Assert.DoesNotContain("neue.adresse", body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hire_DeliversPersonCreatedThenEmploymentCreated()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);
        await RegisterAsync(company, receiver.Url, "ENABLED");

        var hired = await company.ControlAsync(HttpMethod.Post, "/employees", new { first_name = "Zoë", last_name = "Lefèvre" });
        var first = (await receiver.NextAsync()).Body;
        var second = (await receiver.NextAsync()).Body;

        Assert.Equal("person.created", first.Str("event_name"));
        Assert.Equal("employment.created", second.Str("event_name"));
        Assert.Equal(hired.Str("employment_id"), second.GetProperty("payload").Str("id"));
        Assert.Equal(hired.Int("id").ToString(System.Globalization.CultureInfo.InvariantCulture), second.GetProperty("payload").Str("person_id"));
    }

    [Fact]
    public async Task Hire_EffectiveToday_AlsoDeliversEmploymentStarted()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);
        await RegisterAsync(company, receiver.Url, "ENABLED", ["employment.started"]);

        await company.ControlAsync(HttpMethod.Post, "/employees", new { first_name = "Future", last_name = "Starter", hire_date = "2026-04-01" });
        var hired = await company.ControlAsync(HttpMethod.Post, "/employees", new { first_name = "Ida", last_name = "Today" });
        var started = (await receiver.NextAsync()).Body;

        Assert.Equal("employment.started", started.Str("event_name"));
        Assert.Equal(hired.Str("employment_id"), started.GetProperty("payload").Str("id"));
    }

    [Fact]
    public async Task FailedDelivery_IsRetriedAfterTheFirstBackoff()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 1);
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);
        await RegisterAsync(company, receiver.Url, "ENABLED");

        var fired = await company.ControlAsync(HttpMethod.Post, "/webhooks/fire", new { event_name = "person.updated", person_id = 40001 });
        var failed = await receiver.NextAsync();
        var retried = receiver.NextAsync();
        for (var i = 0; i < 50 && !retried.IsCompleted; i++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(100, Ct);
        }

        var retry = await retried;
        var attempts = await (await app.CreateClient().GetAsync("/_sandbox/webhook-deliveries", Ct)).ReadJsonAsync();

        Assert.Equal(1, fired.Int("queued"));
        Assert.Equal(failed.Body.Str("occurred_at"), retry.Body.Str("occurred_at"));
        Assert.Equal([500, 200], attempts.EnumerateArray().Select(a => a.Int("status_code")));
        Assert.Equal([1, 2], attempts.EnumerateArray().Select(a => a.Int("attempt")));
    }

    [Fact]
    public async Task Register_DefaultsToDisabledAndRejectsPlainHttpOffLoopback()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);

        var created = await RegisterAsync(company, "https://hooks.example.test/personio");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/webhooks")
        {
            Content = JsonContent.Create(new { url = "http://hooks.example.test/personio", enabled_events = (string[])["person.updated"] }),
        };
        request.Headers.Authorization = new("Bearer", await company.V2TokenAsync());
        var insecure = await app.CreateClient().SendAsync(request, Ct);

        Assert.Equal("DISABLED", created.Str("status"));
        Assert.Equal("TOKEN", created.Str("auth_type"));
        Assert.False(created.TryGetProperty("token", out _));
        Assert.Equal(HttpStatusCode.BadRequest, insecure.StatusCode);
    }

    [Fact]
    public async Task DisabledWebhook_ReceivesNothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);
        await RegisterAsync(company, receiver.Url);

        var fired = await company.ControlAsync(HttpMethod.Post, "/webhooks/fire", new { event_name = "person.updated", person_id = 40001 });

        Assert.Equal(0, fired.Int("queued"));
    }
}
