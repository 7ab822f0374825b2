using System.Globalization;
using Rollcall.Personio;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Personio;

/// <summary>Org data on the v1 path: asked for in the same list requests, names included, and silently absent when not readable.</summary>
public sealed class PersonioOrganisationV1Tests
{
    [Fact]
    public async Task ReadEmployees_V1WithOrganisation_NamesIdsCostCenterWeightsAndSupervisor()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(40);
        var credentials = new PersonioCredentials(company.ClientId, company.Secret);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl);
        var seeded = await personio.ReadAllAsync(credentials, includeOrganisation: true);
        var model = seeded.Last(e => e is { LegalEntity: not null, Office: not null, Department: not null, Team: not null });
        var centers = seeded.SelectMany(e => e.CostCenters).DistinctBy(c => c.Id).Take(2).ToList();
        var supervisor = seeded[0];
        var hired = await sandbox.PostAsync($"/_sandbox/companies/{company.Id}/employees", new
        {
            first_name = "Greta", last_name = "Lindqvist", supervisor_id = supervisor.Id,
            legal_entity_id = Number(model.LegalEntity!.Id), office_id = Number(model.Office!.Id),
            department_id = Number(model.Department!.Id), team_id = Number(model.Team!.Id),
            cost_centers = new[] { new { id = Number(centers[0].Id), weight = 62.5m }, new { id = Number(centers[1].Id), weight = 37.5m } },
        });

        var employee = Assert.Single(await personio.ReadAllAsync(credentials, includeOrganisation: true), e => e.Id == hired.GetProperty("id").GetInt64());

        Assert.Equal(supervisor.Id, employee.SupervisorId);
        Assert.Equal((model.LegalEntity, model.Office, model.Department, model.Team), (employee.LegalEntity, employee.Office, employee.Department, employee.Team));
        Assert.All(new[] { employee.LegalEntity, employee.Office, employee.Department, employee.Team }, r => Assert.False(string.IsNullOrEmpty(r!.Name)));
        Assert.Equal([centers[0] with { Weight = 62.5m }, centers[1] with { Weight = 37.5m }], employee.CostCenters);
        Assert.All(employee.CostCenters, c => Assert.False(string.IsNullOrEmpty(c.Name)));
        Assert.Contains(seeded, e => e.SupervisorId is not null);
    }

    [Fact]
    public async Task ReadEmployees_V1OrgAttributesOffTheWhitelist_NullOrEmptyAndTheReadSucceeds()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(30);
        foreach (var key in new[] { PersonioOrganisation.Department, PersonioOrganisation.CostCenters, PersonioOrganisation.Supervisor })
        {
            await sandbox.SendAsync(HttpMethod.Delete, $"/_sandbox/credentials/{company.ClientId}/readable-attributes/{key}");
        }

        await using var personio = PersonioHarness.Create(sandbox.BaseUrl);

        var employees = await personio.ReadAllAsync(new PersonioCredentials(company.ClientId, company.Secret), includeOrganisation: true);

        Assert.Equal(30, employees.Count);
        Assert.All(employees, e => Assert.Equal((null, 0, null), (e.Department, e.CostCenters.Count, e.SupervisorId)));
        Assert.All(employees, e => Assert.NotNull(e.Email));
        Assert.Contains(employees, e => e.Team is { Name: not null });
        Assert.Contains(employees, e => e.Office is { Name: not null });
        Assert.Contains(employees, e => e.LegalEntity is { Name: not null });
        Assert.All(personio.Log.Requests, r => Assert.Equal(200, r.Status));
    }

    [Fact]
    public async Task ReadEmployees_V1WithOrganisation_CeilNOver100ListRequestsAndAtMostTwoOthers()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(250);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl);
        await sandbox.ResetRequestCountsAsync();

        var employees = await personio.ReadAllAsync(new PersonioCredentials(company.ClientId, company.Secret), includeOrganisation: true);
        var counts = await sandbox.RequestCountsAsync();

        Assert.Equal(250, employees.Count);
        Assert.Contains(employees, e => e.CostCenters.Count > 0 && e.Department is not null);
        Assert.Equal(3, counts.GetValueOrDefault("GET /v1/company/employees"));
        Assert.InRange(counts.Where(c => c.Key != "GET /v1/company/employees").Sum(c => c.Value), 0, 2);
        Assert.All(personio.Log.Requests.Where(r => r.Uri.AbsolutePath == "/v1/company/employees"),
            r => Assert.Contains("attributes[]=cost_centers", Uri.UnescapeDataString(r.Uri.Query)));
    }

    private static int Number(string id) => int.Parse(id, CultureInfo.InvariantCulture);
}
