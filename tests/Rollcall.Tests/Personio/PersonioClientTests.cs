using Rollcall.Personio;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Personio;

/// <summary>The Personio client against the sandbox over real HTTP: mapping, paging, tokens and headers.</summary>
public sealed class PersonioClientTests
{
    private const string Iban = "dynamic_30101";
    private const string PersonnelNumber = "dynamic_30102";
    private const string CreditorNumber = "dynamic_30103";
    private static readonly string[] Mapped = [Iban, PersonnelNumber, CreditorNumber];

    [Fact]
    public async Task ReadEmployees_10001Employees_101PageRequestsOneTokenEveryEmployeeOnce()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(10_001);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl);

        var employees = await personio.ReadAllAsync(new PersonioCredentials(company.ClientId, company.Secret), Mapped);

        Assert.Equal(10_001, employees.Count);
        Assert.Equal(10_001, employees.Select(e => e.Id).Distinct().Count());
        Assert.Equal(101, personio.Log.Count("/v1/company/employees"));
        Assert.Equal(1, personio.Log.Count("/v1/auth"));
        Assert.All(personio.Log.Requests, r => Assert.Equal(200, r.Status));
        Assert.All(employees, e => Assert.NotNull(e.Email));
        Assert.All(personio.Log.Requests.Where(r => r.Uri.AbsolutePath == "/v1/company/employees"),
            r => Assert.DoesNotContain("attributes[]=supervisor", Uri.UnescapeDataString(r.Uri.Query)));
    }

    [Fact]
    public async Task ReadEmployees_HiredEmployee_EveryFieldMappedOnV1AndV2()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(3);
        var supervisor = await sandbox.PostAsync($"/_sandbox/companies/{company.Id}/employees", new { first_name = "Jonas", last_name = "Brandt" });
        var hired = await sandbox.PostAsync($"/_sandbox/companies/{company.Id}/employees", new
        {
            first_name = "Zoë", last_name = "Groß-Ångström", email = "Zoe.Gross@Example.test", employment_type = "external",
            supervisor_id = supervisor.GetProperty("id").GetInt32(), hire_date = "2024-04-01",
            custom_attributes = new Dictionary<string, string> { [Iban] = "DE89 3704 0044 0532 0130 00", [PersonnelNumber] = "P-100234", [CreditorNumber] = "K-77" },
        });
        var id = hired.GetProperty("id").GetInt64();
        var credentials = new PersonioCredentials(company.ClientId, company.Secret);
        await using var v1 = PersonioHarness.Create(sandbox.BaseUrl);
        await using var v2 = PersonioHarness.Create(sandbox.BaseUrl, new Dictionary<string, string?> { ["Personio:FullReadPath"] = "V2" });

        var fromV1 = Assert.Single(await v1.ReadAllAsync(credentials, includeOrganisation: true, Mapped), e => e.Id == id);
        var fromV2 = Assert.Single(await v2.ReadAllAsync(credentials, Mapped), e => e.Id == id);
        var targeted = await v1.Client().GetEmployeeAsync(credentials, id, Mapped, TestContext.Current.CancellationToken);

        foreach (var employee in new[] { fromV1, fromV2, targeted! })
        {
            Assert.Equal(("Zoë", "Groß-Ångström", "Zoe.Gross@Example.test"), (employee.FirstName, employee.LastName, employee.Email));
            Assert.Equal(PersonioStatus.Active, employee.Status);
            Assert.Equal(PersonioEmploymentType.External, employee.EmploymentType);
            Assert.Equal(supervisor.GetProperty("id").GetInt64(), employee.SupervisorId);
            Assert.Equal(new DateOnly(2024, 4, 1), employee.HireDate);
            Assert.NotNull(employee.Office);
            Assert.NotNull(employee.LegalEntity);
            Assert.NotNull(employee.LastModifiedAt);
            Assert.Equal("DE89 3704 0044 0532 0130 00", employee.CustomAttributes[Iban]);
            Assert.Equal("P-100234", employee.CustomAttributes[PersonnelNumber]);
            Assert.Equal("K-77", employee.CustomAttributes[CreditorNumber]);
            Assert.DoesNotContain("DE89", employee.ToString());
        }
    }

    [Fact]
    public async Task ReadEmployees_V1AndV2Paths_SameEmployeesWithSameStatuses()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(237, seed: 11);
        var credentials = new PersonioCredentials(company.ClientId, company.Secret);
        await using var v1 = PersonioHarness.Create(sandbox.BaseUrl);
        await using var v2 = PersonioHarness.Create(sandbox.BaseUrl, new Dictionary<string, string?> { ["Personio:FullReadPath"] = "V2" });

        var byV1 = (await v1.ReadAllAsync(credentials, Mapped)).ToDictionary(e => e.Id);
        var byV2 = (await v2.ReadAllAsync(credentials, Mapped)).ToDictionary(e => e.Id);

        Assert.Equal(byV1.Keys.Order(), byV2.Keys.Order());
        Assert.All(byV1.Values, e => Assert.Equal(
            (e.Email, e.Status, e.EmploymentType, e.CustomAttributes[Iban]),
            (byV2[e.Id].Email, byV2[e.Id].Status, byV2[e.Id].EmploymentType, byV2[e.Id].CustomAttributes[Iban])));
        Assert.Contains(byV1.Values, e => e.Status == PersonioStatus.Leave);
        Assert.Contains(byV1.Values, e => e.EmploymentType == PersonioEmploymentType.External);
        Assert.Equal(5, v2.Log.Count("/v2/persons"));
        Assert.Equal(1, v2.Log.Count("/v2/auth/token"));
    }

    [Fact]
    public async Task Requests_Always_CarryAppIdAndUserAgentAndNoCredentialsInTheUrl()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(120);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl, new Dictionary<string, string?> { ["Personio:PartnerId"] = "ACME" });
        var credentials = new PersonioCredentials(company.ClientId, company.Secret);

        await personio.ReadAllAsync(credentials);
        await personio.Client().CheckAccessAsync(credentials, Mapped, TestContext.Current.CancellationToken);

        Assert.All(personio.Log.Requests, r =>
        {
            Assert.Equal("ROLLCALL", r.AppId);
            Assert.StartsWith("Rollcall/", r.UserAgent);
            Assert.DoesNotContain(company.Secret, r.Uri.ToString());
            Assert.DoesNotContain(company.ClientId, r.Uri.ToString());
        });
        var auth = Assert.Single(personio.Log.Requests, r => r.Uri.AbsolutePath == "/v1/auth");
        Assert.Equal((HttpMethod.Post, "application/json"), (auth.Method, auth.ContentType));
        Assert.Contains(company.Secret, auth.Body);
    }

    [Fact]
    public async Task Token_ConcurrentColdReads_OneAuthentication()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(50);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl);
        var credentials = new PersonioCredentials(company.ClientId, company.Secret);

        var reads = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => personio.ReadAllAsync(credentials)));

        Assert.All(reads, r => Assert.Equal(50, r.Count));
        Assert.Equal(1, personio.Log.Count("/v1/auth"));
    }

    [Fact]
    public async Task Token_NearExpiry_RefreshedOnceAMinuteBeforeTwentyFourHours()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(10);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl, time: clock);
        var credentials = new PersonioCredentials(company.ClientId, company.Secret);

        await personio.ReadAllAsync(credentials);
        clock.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(58));
        await personio.ReadAllAsync(credentials);
        var beforeRefresh = personio.Log.Count("/v1/auth");
        clock.Advance(TimeSpan.FromMinutes(1.5));
        await personio.ReadAllAsync(credentials);

        Assert.Equal(1, beforeRefresh);
        Assert.Equal(2, personio.Log.Count("/v1/auth"));
    }

    [Fact]
    public async Task AttributeCatalog_FullCredential_ListsCustomAttributesWithLabelsAndOptions()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(5);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl);

        var check = await personio.Client().CheckAccessAsync(new PersonioCredentials(company.ClientId, company.Secret), Mapped, TestContext.Current.CancellationToken);

        Assert.True(check.IsComplete);
        Assert.Equal("IBAN", check.Catalog.Attributes.Single(a => a.Key == Iban).Label);
        Assert.Equal(["Yes", "No"], check.Catalog.Attributes.Single(a => a.Type == "list").Options);
    }
}
