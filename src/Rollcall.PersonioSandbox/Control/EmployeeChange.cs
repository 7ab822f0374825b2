using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Control;

/// <summary>Maps a <see cref="ChangeRequest"/> onto a person and lists the v1 attribute keys it touches.</summary>
internal static class EmployeeChange
{
    /// <summary>Id sent for an office, department, team, legal entity or supervisor to clear the field.</summary>
    public const int Clear = 0;

    public static string? Validate(Company company, int id, ChangeRequest body)
    {
        var r = company.Reference;
        if (body.Gender is not null && !Enum.TryParse<Gender>(body.Gender, ignoreCase: true, out _))
        {
            return "gender must be male, female or diverse.";
        }

        if (body.EmploymentType is not null && !Enum.TryParse<EmploymentType>(body.EmploymentType, ignoreCase: true, out _))
        {
            return "employment_type must be internal or external.";
        }

        if (body.SupervisorId == id)
        {
            return "An employee cannot be their own supervisor.";
        }

        var unknown = (body.OfficeId is { } o and not Clear && r.Office(o) is null) || (body.DepartmentId is { } d and not Clear && r.Department(d) is null)
            || (body.TeamId is { } t and not Clear && r.Team(t) is null) || (body.LegalEntityId is { } l and not Clear && r.LegalEntity(l) is null)
            || (body.SupervisorId is { } s and not Clear && company.Find(s) is null);
        return unknown
            ? "An office, department, team, legal entity or supervisor id is unknown."
            : CostCenterWeights.Validate(r, body.CostCenters);
    }

    public static Person Apply(Person p, ChangeRequest b)
    {
        var e = p.Current;
        var employment = e with
        {
            Position = b.Position ?? e.Position,
            Type = b.EmploymentType is { } type ? Enum.Parse<EmploymentType>(type, ignoreCase: true) : e.Type,
            WeeklyHours = b.WeeklyWorkingHours ?? e.WeeklyHours,
            SupervisorId = Id(b.SupervisorId, e.SupervisorId),
            OfficeId = Id(b.OfficeId, e.OfficeId),
            DepartmentId = Id(b.DepartmentId, e.DepartmentId),
            TeamId = Id(b.TeamId, e.TeamId),
            LegalEntityId = Id(b.LegalEntityId, e.LegalEntityId),
            CostCenters = b.CostCenters is { } centers ? CostCenterWeights.Shares(centers) : e.CostCenters,
        };
        return p with
        {
            FirstName = b.FirstName ?? p.FirstName,
            LastName = b.LastName ?? p.LastName,
            PreferredName = b.PreferredName ?? p.PreferredName,
            Gender = b.Gender is { } g ? Enum.Parse<Gender>(g, ignoreCase: true) : p.Gender,
            Employments = employment == e ? p.Employments : [employment, .. p.Employments[1..]],
        };
    }

    public static string[] Keys(ChangeRequest b) =>
        new (object? Value, string Key)[]
        {
            (b.FirstName, "first_name"), (b.LastName, "last_name"), (b.PreferredName, "preferred_name"), (b.Gender, "gender"),
            (b.Position, "position"), (b.EmploymentType, "employment_type"), (b.WeeklyWorkingHours, "weekly_working_hours"),
            (b.SupervisorId, "supervisor"), (b.OfficeId, "office"), (b.DepartmentId, "department"), (b.TeamId, "team"),
            (b.LegalEntityId, "subcompany"), (b.CostCenters, "cost_centers"),
        }.Where(x => x.Value is not null).Select(x => x.Key).ToArray();

    /// <summary>Not sent: unchanged; <see cref="Clear"/>: cleared; otherwise the new id.</summary>
    private static int? Id(int? sent, int? current) => sent switch
    {
        null => current,
        Clear => null,
        { } id => id,
    };
}
