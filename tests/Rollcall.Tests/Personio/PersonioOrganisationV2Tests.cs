using System.Globalization;
using Rollcall.Personio;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Personio;

/// <summary>
/// Org data on the v2 path: employments carry ids only, and the names come from the reference endpoints, read once per
/// full read. Names Personio will not give (feature not booked, scope missing, 404) stay null without failing the read.
/// </summary>
public sealed class PersonioOrganisationV2Tests
{
    private static readonly Dictionary<string, string?> V2 = new() { ["Personio:FullReadPath"] = "V2" };

    private static readonly string[] ReferenceRoutes =
        ["GET /v2/legal-entities", "GET /v2/workplaces", "GET /v2/cost-centers", "GET /v2/org-units/{id}"];

    [Fact]
    public async Task ReadEmployees_V2WithOrganisation_SameIdsNamesAndWeightsAsV1()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(40, seed: 3);
        var credentials = new PersonioCredentials(company.ClientId, company.Secret);
        await using var v1 = PersonioHarness.Create(sandbox.BaseUrl);
        await using var v2 = PersonioHarness.Create(sandbox.BaseUrl, V2);
        var seeded = await v1.ReadAllAsync(credentials, includeOrganisation: true);
        var centers = seeded.SelectMany(e => e.CostCenters).Select(c => long.Parse(c.Id, CultureInfo.InvariantCulture)).Distinct().Take(2).ToList();
        var split = seeded[1].Id;
        await sandbox.SendAsync(HttpMethod.Patch, $"/_sandbox/companies/{company.Id}/employees/{split}",
            new { cost_centers = new[] { new { id = centers[0], weight = 70 }, new { id = centers[1], weight = 30 } } });

        var byV1 = (await v1.ReadAllAsync(credentials, includeOrganisation: true)).ToDictionary(e => e.Id);
        var byV2 = await v2.ReadAllAsync(credentials, includeOrganisation: true);

        Assert.Equal(byV1.Keys.Order(), byV2.Select(e => e.Id).Order());
        Assert.All(byV2, e =>
        {
            var expected = byV1[e.Id];
            Assert.Equal((expected.LegalEntity, expected.Office, expected.Department, expected.Team), (e.LegalEntity, e.Office, e.Department, e.Team));
            Assert.Equal(expected.CostCenters, e.CostCenters);
            Assert.Equal(expected.SupervisorId, e.SupervisorId);
        });
        Assert.All(byV2.SelectMany(e => new[] { e.LegalEntity, e.Office, e.Department, e.Team }).OfType<PersonioRef>(), r => Assert.NotNull(r.Name));
        Assert.Contains(byV2, e => e is { LegalEntity: not null, Office: not null, Department: not null, Team: not null });
        Assert.All(byV2.SelectMany(e => e.CostCenters), c => Assert.NotNull(c.Name));
        Assert.Equal([70m, 30m], byV2.Single(e => e.Id == split).CostCenters.Select(c => c.Weight));
    }

    [Fact]
    public async Task ReadEmployees_V2LegalEntitiesNotBooked_IdsWithoutLegalEntityNamesAndTheReadSucceeds()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(20);
        await sandbox.SendAsync(HttpMethod.Put, $"/_sandbox/companies/{company.Id}/legal-entities-feature", new { enabled = false });
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl, V2);

        var employees = await personio.ReadAllAsync(new PersonioCredentials(company.ClientId, company.Secret), includeOrganisation: true);

        Assert.Equal(20, employees.Count);
        Assert.All(employees, e => Assert.Equal((true, null), (e.LegalEntity?.Id is not null, e.LegalEntity?.Name)));
        Assert.All(employees.Select(e => e.Office).OfType<PersonioRef>(), r => Assert.NotNull(r.Name));
        Assert.All(employees.Select(e => e.Team).OfType<PersonioRef>(), r => Assert.NotNull(r.Name));
        Assert.Equal(412, Assert.Single(personio.Log.Requests, r => r.Uri.AbsolutePath == "/v2/legal-entities").Status);
    }

    [Fact]
    public async Task ReadEmployees_V2CredentialWithoutOrgUnitRight_UnitIdsWithoutNamesAndNoRequestPerUnit()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(30);
        var (clientId, secret) = await sandbox.CreateCredentialAsync(company.Id,
            scopes: ["personio:persons:read", "personio:legal-entities:read", "personio:workplaces:read", "personio:cost-centers:read"]);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl, V2);

        var employees = await personio.ReadAllAsync(new PersonioCredentials(clientId, secret), includeOrganisation: true);

        Assert.Equal(30, employees.Count);
        Assert.All(employees, e => Assert.Equal((true, null, true, null), (e.Department?.Id is not null, e.Department?.Name, e.Team?.Id is not null, e.Team?.Name)));
        Assert.All(employees.Select(e => e.LegalEntity).OfType<PersonioRef>(), r => Assert.NotNull(r.Name));
        Assert.All(employees.SelectMany(e => e.CostCenters), c => Assert.NotNull(c.Name));

        // Refused once, asked once more with a fresh token (a refusal could be an expired token), then no other unit is asked about.
        Assert.Equal(2, personio.Log.Requests.Count(r => r.Uri.AbsolutePath.StartsWith("/v2/org-units/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ReadEmployees_V2WorkplacesAnswerBare404_OfficeIdsWithoutNamesOtherNamesKept()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(20);
        await sandbox.ArmFaultAsync("bare_not_found", path: "/v2/workplaces");
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl, V2);

        var employees = await personio.ReadAllAsync(new PersonioCredentials(company.ClientId, company.Secret), includeOrganisation: true);

        Assert.Equal(20, employees.Count);
        Assert.All(employees, e => Assert.Equal((true, null), (e.Office?.Id is not null, e.Office?.Name)));
        Assert.All(employees.Select(e => e.LegalEntity).OfType<PersonioRef>(), r => Assert.NotNull(r.Name));
        Assert.All(employees.Select(e => e.Department).OfType<PersonioRef>(), r => Assert.NotNull(r.Name));
    }

    [Fact]
    public async Task ReadEmployees_V2CostCentersKeepFailing_ReadSucceedsWithIdsCostCenterNamesEmptyOthersNamed()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(10);
        await sandbox.ArmFaultAsync("server_error", path: "/v2/cost-centers", times: 0, statusCode: 503);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl, V2);

        var employees = await personio.ReadAllAsync(new PersonioCredentials(company.ClientId, company.Secret), includeOrganisation: true);

        Assert.Equal(10, employees.Count);
        Assert.All(employees.SelectMany(e => e.CostCenters), c => Assert.Null(c.Name));
        Assert.Contains(employees, e => e.CostCenters.Count > 0);
        Assert.All(employees, e => Assert.False(string.IsNullOrEmpty(e.Department?.Name)));
    }

    [Fact]
    public async Task ReadEmployees_V2ReferenceRequests_EachListOnceAndOnePerDistinctUnitWhateverTheSize()
    {
        await using var sandbox = SandboxServer.Start();
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl, V2);
        var perRead = new List<int>();
        foreach (var size in new[] { 25, 150 })
        {
            var company = await sandbox.CreateCompanyAsync(size);
            await sandbox.ResetRequestCountsAsync();

            var employees = await personio.ReadAllAsync(new PersonioCredentials(company.ClientId, company.Secret), includeOrganisation: true);
            var counts = await sandbox.RequestCountsAsync();

            var units = employees.SelectMany(e => new[] { ("department", e.Department?.Id), ("team", e.Team?.Id) }).Where(u => u.Item2 is not null).Distinct().Count();
            Assert.Equal(size, counts.GetValueOrDefault("GET /v2/persons/{id}/employments"));
            Assert.Equal([1, 1, 1, units], ReferenceRoutes.Select(r => counts.GetValueOrDefault(r)));
            perRead.Add(ReferenceRoutes.Sum(r => counts.GetValueOrDefault(r)));
        }

        Assert.All(perRead, count => Assert.InRange(count, 4, 40));
    }

    [Fact]
    public async Task ReadEmployees_V2WithoutOrganisation_IdsOnlyAndNoReferenceRequests()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(15);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl, V2);
        await sandbox.ResetRequestCountsAsync();

        var employees = await personio.ReadAllAsync(new PersonioCredentials(company.ClientId, company.Secret));
        var counts = await sandbox.RequestCountsAsync();

        Assert.All(employees, e => Assert.Equal((true, null), (e.Department?.Id is not null, e.Department?.Name)));
        Assert.All(ReferenceRoutes, r => Assert.Equal(0, counts.GetValueOrDefault(r)));
    }
}
