using Rollcall.PersonioSandbox.Model;
using Rollcall.PersonioSandbox.Seeding;
using Rollcall.PersonioSandbox.Webhooks;

namespace Rollcall.PersonioSandbox.Control;

/// <summary>Hiring and rehiring: the two changes that create an employment.</summary>
internal static class EmployeeHiring
{
    public static IResult Hire(string companyId, HireRequest body, SandboxState state, EmployeeMutations mutations)
    {
        if (state.Company(companyId) is not { } company)
        {
            return Results.Problem("Unknown company.", statusCode: 404);
        }

        var r = company.Reference;
        var entity = body.LegalEntityId is { } l ? r.LegalEntity(l) : r.LegalEntities[0];
        var department = body.DepartmentId is { } d ? r.Department(d) : r.Departments[0];
        if (string.IsNullOrWhiteSpace(body.FirstName) || string.IsNullOrWhiteSpace(body.LastName) || entity is null || department is null
            || (body.SupervisorId is { } s && company.Find(s) is null)
            || (body.OfficeId is { } o && r.Office(o) is null) || (body.TeamId is { } t && r.Team(t) is null)
            || CostCenterWeights.Validate(r, body.CostCenters) is not null
            || !Enum.TryParse<Gender>(body.Gender ?? "diverse", true, out var gender)
            || !Enum.TryParse<EmploymentType>(body.EmploymentType ?? "internal", true, out var type))
        {
            return Results.Problem("first_name and last_name are required; ids, cost center weights, gender and employment_type must be valid.", statusCode: 400);
        }

        var now = mutations.Now;
        var custom = new string?[company.CustomAttributes.Count];
        foreach (var (key, value) in body.CustomAttributes ?? new Dictionary<string, string?>())
        {
            var index = r.CustomAttributeIndex(key);
            if (index >= 0)
            {
                custom[index] = value;
            }
        }

        var person = company.Add(id => new Person
        {
            Id = id,
            FirstName = body.FirstName,
            LastName = body.LastName,
            PreferredName = body.FirstName + " " + body.LastName,
            // Inside Add's lock, so parallel hires of namesakes cannot pick the same address.
            Email = body.Email ?? UniqueEmail(company, body.FirstName, body.LastName),
            Gender = gender,
            CreatedAt = now,
            UpdatedAt = now,
            BaselineChangedAt = now,
            CustomValues = custom,
            Employments =
            [
                new Employment
                {
                    Id = Guid.NewGuid(), StoredStatus = StoredStatus.Active, Type = type, Position = body.Position ?? "Employee",
                    StartDate = body.HireDate ?? mutations.Today, WeeklyHours = 40m, SupervisorId = body.SupervisorId,
                    OfficeId = body.OfficeId ?? r.Offices.First(o => o.LegalEntityId == entity.Id).Id, LegalEntityId = entity.Id,
                    DepartmentId = department.Id, TeamId = body.TeamId ?? r.Teams.First(t => t.DepartmentId == department.Id).Id,
                    CostCenters = body.CostCenters is { } centers ? CostCenterWeights.Shares(centers) : [new CostCenterShare(r.CostCenters[0].Id, 100m)],
                    CreatedAt = now, UpdatedAt = now,
                },
            ],
        });
        mutations.Publish(company, WebhookEvents.PersonCreated, person);
        mutations.Publish(company, WebhookEvents.EmploymentCreated, person, person.Current);
        if (person.Current.StartDate <= mutations.Today)
        {
            mutations.Publish(company, WebhookEvents.EmploymentStarted, person, person.Current);
        }
        return Results.Created($"/_sandbox/companies/{companyId}/employees/{person.Id}", EmployeeControlApi.View(person, mutations.Today));
    }

    private static string UniqueEmail(Company company, string firstName, string lastName)
    {
        var taken = company.People.Select(p => p.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return PersonSeeder.UniqueEmail(firstName, lastName, company.Reference.EmailDomain, taken);
    }

    public static IResult Rehire(string companyId, int id, RehireRequest body, SandboxState state, EmployeeMutations mutations)
    {
        var start = body.HireDate ?? mutations.Today;
        var now = mutations.Now;
        return EmployeeControlApi.Apply(state, mutations, companyId, id, p => p with
        {
            Employments =
            [
                p.Current with
                {
                    Id = Guid.NewGuid(), StoredStatus = StoredStatus.Active, StartDate = start, Termination = null,
                    Position = body.Position ?? p.Current.Position, ContractEndDate = null, CreatedAt = now, UpdatedAt = now,
                },
                .. p.Employments,
            ],
        }, "hire_date", "status", "termination_date", "last_working_day", "termination_type", "termination_reason", "position");
    }
}
