using Rollcall.Personio;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Personio;

/// <summary>Each way Personio can fail, and what the client makes of it: a typed outcome, never a crash or a silent partial read.</summary>
public sealed class PersonioFailureTests
{
    private const string Iban = "dynamic_30101";

    /// <summary>The failure, and how many records came in before it.</summary>
    private static async Task<(int Received, PersonioException Error)> ReadUntilFailureAsync(PersonioHarness personio, PersonioCredentials credentials)
    {
        var received = 0;
        var error = await Assert.ThrowsAsync<PersonioException>(() => personio.Client().ReadEmployeesAsync(credentials, [Iban], TestContext.Current.CancellationToken,
            progress: (count, _) =>
            {
                received = count.Records;
                return ValueTask.CompletedTask;
            }));
        Assert.DoesNotContain(credentials.ClientSecret, error.ToString());
        return (received, error);
    }

    [Fact]
    public async Task Read_WrongSecret_InvalidCredentialsAndNothingRead()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(10);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl);

        var (read, error) = await ReadUntilFailureAsync(personio, new PersonioCredentials(company.ClientId, "papi-wrong-secret"));

        Assert.Equal(0, read);
        Assert.Equal(PersonioFailure.InvalidCredentials, error.Failure);
        Assert.Equal(1, personio.Log.Count("/v1/auth"));
    }

    [Fact]
    public async Task Read_CredentialDisabledAfterTokenWasCached_InvalidCredentials()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(10);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl);
        var credentials = new PersonioCredentials(company.ClientId, company.Secret);
        Assert.Equal(10, (await personio.ReadAllAsync(credentials)).Count);

        await sandbox.PostAsync($"/_sandbox/credentials/{company.ClientId}/disable");
        var (_, error) = await ReadUntilFailureAsync(personio, credentials);

        Assert.Equal(PersonioFailure.InvalidCredentials, error.Failure);
    }

    [Fact]
    public async Task Read_CredentialWithoutEmployeeRight_MissingPermission()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(10);
        var (clientId, secret) = await sandbox.CreateCredentialAsync(company.Id, scopes: ["personio:webhooks:read"]);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl);

        var (_, error) = await ReadUntilFailureAsync(personio, new PersonioCredentials(clientId, secret));

        Assert.Equal(PersonioFailure.MissingPermission, error.Failure);
        Assert.Equal(2, personio.Log.Count("/v1/company/employees"));
    }

    [Fact]
    public async Task CheckAccess_WhitelistWithoutMappedAndRequiredAttributes_NamesThem()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(10);
        var (clientId, secret) = await sandbox.CreateCredentialAsync(company.Id,
            readableAttributes: ["first_name", "last_name", "status", "employment_type", "dynamic_30102"]);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl);
        var credentials = new PersonioCredentials(clientId, secret);

        var check = await personio.Client().CheckAccessAsync(credentials, [Iban, "dynamic_30102"], TestContext.Current.CancellationToken);
        var employees = await personio.ReadAllAsync(credentials, Iban, "dynamic_30102");

        Assert.Equal(["email"], check.MissingRequired);
        Assert.Equal([Iban], check.MissingMapped);
        Assert.All(employees, e =>
        {
            Assert.False(e.CustomAttributes.ContainsKey(Iban), "an unreadable attribute must be absent, not empty");
            Assert.True(e.CustomAttributes.ContainsKey("dynamic_30102"));
            Assert.Null(e.Email);
        });
    }

    [Fact]
    public async Task Read_429Burst_WaitsAndCompletes()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(250);
        await sandbox.ArmFaultAsync("rate_limited", page: 1, times: 2);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl);

        var employees = await personio.ReadAllAsync(new PersonioCredentials(company.ClientId, company.Secret));

        Assert.Equal(250, employees.Count);
        Assert.Equal(2, personio.Log.Requests.Count(r => r.Status == 429));
        Assert.Equal(5, personio.Log.Count("/v1/company/employees"));
    }

    [Fact]
    public async Task Read_429ThatNeverEnds_RateLimitedAfterRetries()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(250);
        await sandbox.ArmFaultAsync("rate_limited", page: 1, times: 0);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl, new Dictionary<string, string?> { ["Personio:MaxRetries"] = "1" });

        var (read, error) = await ReadUntilFailureAsync(personio, new PersonioCredentials(company.ClientId, company.Secret));

        Assert.Equal(PersonioFailure.RateLimited, error.Failure);
        Assert.Equal(1, error.Page);
        Assert.Equal(100, read);
    }

    [Fact]
    public async Task Read_503OnPage3Once_RetriedAndComplete()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(450);
        await sandbox.ArmFaultAsync("server_error", page: 2, statusCode: 503);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl);

        var employees = await personio.ReadAllAsync(new PersonioCredentials(company.ClientId, company.Secret));

        Assert.Equal(450, employees.Count);
        Assert.Equal(6, personio.Log.Count("/v1/company/employees"));
    }

    [Fact]
    public async Task Read_5xxOnPage3ThatPersists_UnavailableNamingPage3AfterTwoPages()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(450);
        await sandbox.ArmFaultAsync("server_error", page: 2, times: 0, statusCode: 500);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl, new Dictionary<string, string?> { ["Personio:MaxRetries"] = "2" });

        var (read, error) = await ReadUntilFailureAsync(personio, new PersonioCredentials(company.ClientId, company.Secret));

        Assert.Equal((PersonioFailure.Unavailable, 2), (error.Failure, error.Page));
        Assert.Contains("page 3", error.Message);
        Assert.Equal(200, read);
        Assert.Equal(3, personio.Log.Requests.Count(r => r.Status == 500));
    }

    [Fact]
    public async Task Read_DroppedConnectionOnce_RetriedAndComplete()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(300);
        await sandbox.ArmFaultAsync("drop_connection", page: 1);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl);

        var employees = await personio.ReadAllAsync(new PersonioCredentials(company.ClientId, company.Secret));

        Assert.Equal(300, employees.Count);
        Assert.Equal(1, personio.Log.Requests.Count(r => r.Status is null));
    }

    [Fact]
    public async Task Read_DroppedConnectionThatPersists_Unavailable()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(300);
        await sandbox.ArmFaultAsync("drop_connection", page: 1, times: 0);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl, new Dictionary<string, string?> { ["Personio:MaxRetries"] = "1" });

        var (_, error) = await ReadUntilFailureAsync(personio, new PersonioCredentials(company.ClientId, company.Secret));

        Assert.Equal((PersonioFailure.Unavailable, 1), (error.Failure, error.Page));
    }

    [Fact]
    public async Task Read_MalformedJsonOnPage2_MalformedResponseNamingThePage()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(300);
        await sandbox.ArmFaultAsync("malformed_json", page: 1);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl);

        var (read, error) = await ReadUntilFailureAsync(personio, new PersonioCredentials(company.ClientId, company.Secret));

        Assert.Equal((PersonioFailure.MalformedResponse, 1), (error.Failure, error.Page));
        Assert.Contains("page 2", error.Message);
        Assert.Equal(100, read);
    }

    [Fact]
    public async Task Read_EmptyPageInTheMiddleEveryTime_FailsAsIncompleteInsteadOfStoppingQuietly()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(300);
        await sandbox.ArmFaultAsync("empty_page", page: 1, times: 0);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl);

        var (_, error) = await ReadUntilFailureAsync(personio, new PersonioCredentials(company.ClientId, company.Secret));

        Assert.Equal(PersonioFailure.MalformedResponse, error.Failure);
        Assert.Contains("empty_page_before_end", error.Message);
        Assert.Contains("100 of the 300", error.Message);
        Assert.Equal(6, personio.Log.Count("/v1/company/employees")); // three reads of two pages each, then it gave up
    }

    [Fact]
    public async Task Read_EmptyPageInTheMiddleOnce_ReadAgainAndComplete()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(300);
        await sandbox.ArmFaultAsync("empty_page", page: 1);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl);

        var received = 0;
        var seen = new List<ReadProgress>();
        var read = await personio.Client().ReadEmployeesAsync(new PersonioCredentials(company.ClientId, company.Secret), [], TestContext.Current.CancellationToken,
            progress: (count, _) =>
            {
                received = count.Records;
                seen.Add(count);
                return ValueTask.CompletedTask;
            });

        Assert.Equal((300, 2, true), (read.Employees.Count, read.Passes, read.Consistent));
        Assert.Equal(100 + 300, received); // progress counts every pass, so a lease renewed per so many records keeps being renewed
        // Pages of every pass; the total is the pages of the passes before and the pages the current one announced.
        Assert.Equal([(1, 3), (2, 3), (3, 5), (4, 5), (5, 5)], seen.Select(p => (p.Pages, p.PagesTotal ?? -1)));
        Assert.Equal([ReadDisturbance.EmptyPageBeforeEnd, ReadDisturbance.CountMismatch], read.Disturbances);
        Assert.Equal(5, personio.Log.Count("/v1/company/employees"));
    }

    [Fact]
    public async Task Read_SlowAnswerOnce_RetriedAfterAttemptTimeout()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(150);
        await sandbox.ArmFaultAsync("delay", page: 1, delayMs: 5_000);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl, new Dictionary<string, string?>
        {
            ["Personio:AttemptTimeout"] = "00:00:01", ["Personio:TotalRequestTimeout"] = "00:00:20",
        });

        var employees = await personio.ReadAllAsync(new PersonioCredentials(company.ClientId, company.Secret));

        Assert.Equal(150, employees.Count);
        Assert.Equal(3, personio.Log.Count("/v1/company/employees"));
    }

    [Fact]
    public async Task Read_SandboxRateLimitsOn_NoRequestEverGets429()
    {
        await using var sandbox = SandboxServer.Start(new Dictionary<string, string?> { ["Sandbox:RateLimits:Enabled"] = "true" });
        var company = await sandbox.CreateCompanyAsync(4_000);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl, new Dictionary<string, string?> { ["Personio:V1EmployeesPerSecond"] = "10" });
        var credentials = new PersonioCredentials(company.ClientId, company.Secret);

        var reads = await Task.WhenAll(personio.ReadAllAsync(credentials), personio.ReadAllAsync(credentials));

        Assert.All(reads, r => Assert.Equal(4_000, r.Count));
        Assert.DoesNotContain(personio.Log.Requests, r => r.Status == 429);
    }

    [Fact]
    public async Task ReadV2_LastPageLinksToItself_StopsWithEveryPersonOnce()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(120);
        await sandbox.ArmFaultAsync("repeat_cursor", page: 2, path: "/v2/persons", times: 0);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl, new Dictionary<string, string?> { ["Personio:FullReadPath"] = "V2" });

        var employees = await personio.ReadAllAsync(new PersonioCredentials(company.ClientId, company.Secret));

        Assert.Equal(120, employees.Count);
        Assert.Equal(120, employees.Select(e => e.Id).Distinct().Count());
        Assert.Equal(3, personio.Log.Count("/v2/persons"));
    }

    [Fact]
    public async Task ReadV2_FullPageLinksBackToItself_StopsAndReportsAnIncompleteRead()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(120);
        await sandbox.ArmFaultAsync("repeat_cursor", page: 1, path: "/v2/persons", times: 0);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl, new Dictionary<string, string?> { ["Personio:FullReadPath"] = "V2" });

        var (read, error) = await ReadUntilFailureAsync(personio, new PersonioCredentials(company.ClientId, company.Secret));

        Assert.Equal((PersonioFailure.MalformedResponse, 1), (error.Failure, error.Page));
        Assert.Equal(100, read);
        Assert.Equal(2, personio.Log.Count("/v2/persons"));
    }
}
