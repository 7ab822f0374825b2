using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Control;

/// <summary>Maps a <see cref="ChangeRequest"/> onto a person and lists the v1 attribute keys it touches.</summary>
internal static class EmployeeChange
{
    public static string? Validate(Company company, ChangeRequest body)
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

        var unknown = (body.OfficeId is { } o && r.Office(o) is null) || (body.DepartmentId is { } d && r.Department(d) is null)
            || (body.TeamId is { } t && r.Team(t) is null) || (body.LegalEntityId is { } l && r.LegalEntity(l) is null)
            || (body.SupervisorId is { } s and not 0 && company.Find(s) is null);
        return unknown ? "An office, department, team, legal entity or supervisor id is unknown." : null;
    }

    public static Person Apply(Person p, ChangeRequest b)
    {
        var e = p.Current;
        var employment = e with
        {
            Position = b.Position ?? e.Position,
            Type = b.EmploymentType is { } type ? Enum.Parse<EmploymentType>(type, ignoreCase: true) : e.Type,
            WeeklyHours = b.WeeklyWorkingHours ?? e.WeeklyHours,
            SupervisorId = b.SupervisorId is { } s ? (s == 0 ? null : s) : e.SupervisorId,
            OfficeId = b.OfficeId ?? e.OfficeId,
            DepartmentId = b.DepartmentId ?? e.DepartmentId,
            TeamId = b.TeamId ?? e.TeamId,
            LegalEntityId = b.LegalEntityId ?? e.LegalEntityId,
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
            (b.LegalEntityId, "subcompany"),
        }.Where(x => x.Value is not null).Select(x => x.Key).ToArray();
}
