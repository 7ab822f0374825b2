using System.Globalization;
using System.Text.Json;
using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Employees;

/// <summary>
/// Writes a v1 <c>Employee</c>: every attribute as <c>{label,value,type,universal_id}</c>, and only the
/// attributes <paramref name="include"/> lets through (the whitelist, narrowed by <c>attributes[]</c>).
/// </summary>
internal sealed class V1EmployeeWriter(Company company, Credential credential, Func<string, bool> include, DateOnly today, bool nestedWhitelist)
{
    public void Write(Utf8JsonWriter w, Person p)
    {
        var e = p.Current;
        var reference = company.Reference;
        w.WriteStartObject();
        w.WriteString("type", "Employee");
        w.WriteStartObject("attributes");
        Attribute(w, StandardAttributes.Id, p.Id);
        foreach (var a in StandardAttributes.All)
        {
            if (!include(a.Key))
            {
                continue;
            }

            switch (a.Key)
            {
                case "first_name": Attribute(w, a, p.FirstName); break;
                case "last_name": Attribute(w, a, p.LastName); break;
                case "preferred_name": Attribute(w, a, p.PreferredName); break;
                case "email": Attribute(w, a, p.Email); break;
                case "gender": Attribute(w, a, p.Gender.ToString().ToLowerInvariant()); break;
                case "status": Attribute(w, a, e.StatusOn(today).ToString().ToLowerInvariant()); break;
                case "position": Attribute(w, a, e.Position); break;
                case "employment_type": Attribute(w, a, e.Type == EmploymentType.Unspecified ? null : e.Type.ToString().ToLowerInvariant()); break;
                case "weekly_working_hours": Attribute(w, a, e.WeeklyHours.ToString("0.##", CultureInfo.InvariantCulture)); break;
                case "hire_date": Attribute(w, a, Dates.V1Date(e.StartDate)); break;
                case "contract_end_date": Attribute(w, a, Date(e.ContractEndDate)); break;
                case "probation_period_end": Attribute(w, a, Date(e.ProbationEndDate)); break;
                case "termination_date": Attribute(w, a, Date(e.Termination?.TerminationDate)); break;
                case "termination_type": Attribute(w, a, e.Termination?.Type.ToLowerInvariant()); break;
                case "termination_reason": Attribute(w, a, e.Termination?.Reason); break;
                case "last_working_day": Attribute(w, a, Date(e.Termination?.LastWorkingDay)); break;
                case "created_at": Attribute(w, a, Dates.V1Timestamp(p.CreatedAt)); break;
                case "last_modified_at": Attribute(w, a, Dates.V1Timestamp(p.LastModifiedAt)); break;
                case "supervisor": Supervisor(w, a, e.SupervisorId is { } s ? company.Find(s) : null); break;
                case "subcompany": Named(w, a, "Subcompany", reference.LegalEntity(e.LegalEntityId) is { } l ? (l.Id, l.Name) : null); break;
                case "office": Named(w, a, "Office", reference.Office(e.OfficeId) is { } o ? (o.Id, o.Name) : null); break;
                case "department": Named(w, a, "Department", reference.Department(e.DepartmentId) is { } d ? (d.Id, d.Name) : null); break;
                case "team": Named(w, a, "Team", reference.Team(e.TeamId) is { } t ? (t.Id, t.Name) : null); break;
                case "cost_centers": CostCenters(w, a, reference, e); break;
            }
        }

        for (var i = 0; i < company.CustomAttributes.Count; i++)
        {
            var definition = company.CustomAttributes[i];
            if (include(definition.Key))
            {
                Custom(w, definition, p.CustomValues[i]);
            }
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string? Date(DateOnly? date) => date is { } d ? Dates.V1Date(d) : null;

    private static void Start(Utf8JsonWriter w, AttributeInfo a)
    {
        w.WriteStartObject(a.Key);
        w.WriteString("label", a.Label);
    }

    private static void End(Utf8JsonWriter w, AttributeInfo a)
    {
        w.WriteString("type", a.Type);
        w.WriteString("universal_id", a.Key);
        w.WriteEndObject();
    }

    private static void Attribute(Utf8JsonWriter w, AttributeInfo a, string? value)
    {
        Start(w, a);
        w.WriteString("value", value);
        End(w, a);
    }

    private static void Attribute(Utf8JsonWriter w, AttributeInfo a, int value)
    {
        Start(w, a);
        w.WriteNumber("value", value);
        End(w, a);
    }

    private void Supervisor(Utf8JsonWriter w, AttributeInfo a, Person? supervisor)
    {
        Start(w, a);
        if (supervisor is null)
        {
            w.WriteNull("value");
        }
        else
        {
            w.WriteStartObject("value");
            w.WriteString("type", "Employee");
            w.WriteStartObject("attributes");
            Attribute(w, StandardAttributes.Id, supervisor.Id);
            foreach (var (key, value) in new[] { ("first_name", supervisor.FirstName), ("last_name", supervisor.LastName), ("email", supervisor.Email) })
            {
                if (!nestedWhitelist || credential.CanRead(key))
                {
                    Attribute(w, StandardAttributes.Get(key), value);
                }
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        End(w, a);
    }

    private static void Named(Utf8JsonWriter w, AttributeInfo a, string type, (int Id, string Name)? item)
    {
        Start(w, a);
        if (item is { } x)
        {
            w.WriteStartObject("value");
            w.WriteString("type", type);
            w.WriteStartObject("attributes");
            w.WriteNumber("id", x.Id);
            w.WriteString("name", x.Name);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("value");
        }

        End(w, a);
    }

    /// <summary><c>[]</c> when none is assigned; each entry carries its weight as <c>percentage</c>.</summary>
    private static void CostCenters(Utf8JsonWriter w, AttributeInfo a, CompanyReferenceData reference, Employment e)
    {
        Start(w, a);
        w.WriteStartArray("value");
        foreach (var share in e.CostCenters)
        {
            if (reference.CostCenter(share.CostCenterId) is not { } costCenter)
            {
                continue;
            }

            w.WriteStartObject();
            w.WriteString("type", "CostCenter");
            w.WriteStartObject("attributes");
            w.WriteNumber("id", costCenter.Id);
            w.WriteString("name", costCenter.Name);
            w.WriteNumber("percentage", share.Weight);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        End(w, a);
    }

    private static void Custom(Utf8JsonWriter w, CustomAttribute definition, string? value)
    {
        w.WriteStartObject(definition.Key);
        w.WriteString("label", definition.Label);
        if (value is not null && definition.Type is "integer" or "decimal"
            && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            w.WriteNumber("value", number);
        }
        else
        {
            w.WriteString("value", value);
        }

        w.WriteString("type", definition.Type);
        w.WriteString("universal_id", definition.UniversalId);
        w.WriteEndObject();
    }
}
