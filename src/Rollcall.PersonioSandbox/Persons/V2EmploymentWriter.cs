using System.Text.Json;
using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Persons;

/// <summary>
/// Writes a v2 Employment. <c>id</c>, <c>status</c>, <c>person</c> and <c>_meta</c> always appear;
/// everything else follows the whitelist under the matching v1 attribute key. References are ids only:
/// an unset supervisor, office or legal entity is null, an unset department or team has no <c>org_units</c> entry.
/// </summary>
internal sealed class V2EmploymentWriter(Credential credential, DateOnly today, string baseUrl)
{
    public void Write(Utf8JsonWriter w, Person p, Employment e)
    {
        w.WriteStartObject();
        w.WriteString("id", e.Id.ToString());
        w.WriteString("status", V2Status.OfEmployment(e, today));
        If("employment_type", () => w.WriteString("type", e.Type.ToString().ToUpperInvariant()));
        If("position", () =>
        {
            w.WriteStartObject("position");
            w.WriteString("title", e.Position);
            w.WriteEndObject();
        });
        If("hire_date", () => w.WriteString("employment_start_date", Dates.Iso(e.StartDate)));
        If("termination_date", () => w.WriteString("employment_end_date", e.Termination is { } t ? Dates.Iso(t.TerminationDate) : null));
        If("contract_end_date", () => w.WriteString("contract_end_date", e.ContractEndDate is { } c ? Dates.Iso(c) : null));
        If("probation_period_end", () => w.WriteString("probation_end_date", e.ProbationEndDate is { } d ? Dates.Iso(d) : null));
        If("weekly_working_hours", () =>
        {
            w.WriteNumber("weekly_working_hours", e.WeeklyHours);
            w.WriteNumber("full_time_weekly_working_hours", 40);
        });
        If("created_at", () => w.WriteString("created_at", Dates.V2Timestamp(e.CreatedAt)));
        If("last_modified_at", () => w.WriteString("updated_at", Dates.V2Timestamp(e.UpdatedAt)));
        If("supervisor", () => Reference(w, "supervisor", e.SupervisorId));
        If("office", () => Reference(w, "office", e.OfficeId));
        If("subcompany", () =>
        {
            Reference(w, "legal_entity", e.LegalEntityId);
            Reference(w, "sub_company", e.LegalEntityId);
        });
        OrgUnits(w, e);
        If("cost_centers", () =>
        {
            w.WriteStartArray("cost_centers");
            foreach (var share in e.CostCenters)
            {
                w.WriteStartObject();
                w.WriteString("id", CompanyIds.Text(share.CostCenterId));
                w.WriteNumber("weight", share.Weight);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
        if (e.Termination is { } termination && credential.CanRead("termination_date"))
        {
            Termination(w, termination);
        }

        Reference(w, "person", p.Id);
        w.WriteStartObject("_meta");
        w.WriteStartObject("links");
        V2Links.Write(w, "person", $"{baseUrl}/v2/persons/{CompanyIds.Text(p.Id)}");
        if (e.SupervisorId is { } supervisor && credential.CanRead("supervisor"))
        {
            V2Links.Write(w, "supervisor", $"{baseUrl}/v2/persons/{CompanyIds.Text(supervisor)}");
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private void If(string attributeKey, Action write)
    {
        if (credential.CanRead(attributeKey))
        {
            write();
        }
    }

    private static void Reference(Utf8JsonWriter w, string name, int? id)
    {
        if (id is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteString("id", CompanyIds.Text(id.Value));
        w.WriteEndObject();
    }

    private void OrgUnits(Utf8JsonWriter w, Employment e)
    {
        var department = credential.CanRead("department");
        var team = credential.CanRead("team");
        if (!department && !team)
        {
            return;
        }

        w.WriteStartArray("org_units");
        foreach (var (type, id, visible) in new[] { ("department", e.DepartmentId, department), ("team", e.TeamId, team) })
        {
            if (visible && id is not null)
            {
                w.WriteStartObject();
                w.WriteString("type", type);
                w.WriteString("id", CompanyIds.Text(id.Value));
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
    }

    private static void Termination(Utf8JsonWriter w, Termination t)
    {
        w.WriteStartObject("termination");
        w.WriteString("termination_date", Dates.Iso(t.TerminationDate));
        w.WriteString("last_working_day", Dates.Iso(t.LastWorkingDay));
        w.WriteString("terminated_at", Dates.Iso(t.TerminatedAt));
        w.WriteString("type", t.Type);
        w.WriteString("reason", t.Reason);
        w.WriteEndObject();
    }
}
