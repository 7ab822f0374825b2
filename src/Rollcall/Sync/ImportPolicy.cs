using System.Globalization;
using Rollcall.Data;
using Rollcall.Data.Directory;
using Rollcall.Data.Personio;
using Rollcall.Personio;

namespace Rollcall.Sync;

/// <summary>What the policy wants for one employee.</summary>
internal enum Disposition
{
    /// <summary>Should be an active (or invited) user.</summary>
    Import,

    /// <summary>Leave an existing user's status as it is (leave, onboarding of an existing user).</summary>
    Keep,

    /// <summary>Should not be a user: an existing one is deactivated.</summary>
    Remove,

    /// <summary>Not a user, and none exists: nothing to do.</summary>
    Ignore,
}

/// <summary>
/// Which employees should be users, by a company's <see cref="ImportRules"/>: in scope (legal entities, offices,
/// departments), active and internal (or external, when externals are imported); leave keeps or deactivates as set;
/// onboarding waits until active, or until a set number of days before the hire date. <paramref name="Today"/> is
/// the company's local date; <paramref name="Unreadable"/> the attribute keys the credential cannot read, which a
/// scope cannot judge by.
/// </summary>
internal sealed record ImportPolicy(ImportRules Rules, DateOnly Today, IReadOnlySet<string> Unreadable)
{
    /// <summary>The default rules with the given leave policy (tests of the planner).</summary>
    public ImportPolicy(LeavePolicy leave)
        : this(ImportRules.Default with { Leave = leave }, DateOnly.MinValue, new HashSet<string>())
    {
    }

    public (Disposition Disposition, string ReasonCode, Reason Reason) Decide(PersonioEmployee employee, DirectoryUser? user)
    {
        var exists = user is not null;
        if (Scoped(employee, user) is { } scoped)
        {
            return scoped.Code == "scope_unknown" ? (Disposition.Keep, scoped.Code, scoped) : (exists ? Disposition.Remove : Disposition.Ignore, scoped.Code, scoped);
        }

        var external = employee.EmploymentType == PersonioEmploymentType.External;
        if (external && !Rules.ImportExternals)
        {
            return (exists ? Disposition.Remove : Disposition.Ignore, "external", new Reason("external"));
        }

        if (employee.Status == PersonioStatus.Active && employee.EmploymentType is not (PersonioEmploymentType.Internal or PersonioEmploymentType.External))
        {
            // "Active and internal" needs both: an empty or unknown type waits for HR, and an existing user stays as is.
            return employee.EmploymentType == PersonioEmploymentType.Unknown
                ? (Disposition.Keep, "unknown_employment_type", new Reason("unknown_employment_type"))
                : (Disposition.Keep, "no_employment_type", new Reason("no_employment_type"));
        }

        return employee.Status switch
        {
            PersonioStatus.Active => (Disposition.Import, "active", new Reason(external ? "active.external" : "active")),
            PersonioStatus.Inactive => (exists ? Disposition.Remove : Disposition.Ignore, "inactive", new Reason("inactive")),
            PersonioStatus.Leave when Rules.Leave == LeavePolicy.Deactivate =>
                (exists ? Disposition.Remove : Disposition.Ignore, "leave", new Reason("leave.deactivates")),
            PersonioStatus.Leave => (exists ? Disposition.Keep : Disposition.Ignore, "leave", new Reason("leave.kept")),
            PersonioStatus.Onboarding => Onboarding(employee, exists),
            _ => (Disposition.Keep, "unknown_status", new Reason("unknown_status")),
        };
    }

    /// <summary>Onboarding people wait until active, unless the rules invite them a set number of days before the hire date.</summary>
    private (Disposition, string, Reason) Onboarding(PersonioEmployee employee, bool exists)
    {
        if (employee.HireDate is not { } start)
        {
            return (exists ? Disposition.Keep : Disposition.Ignore, "onboarding", new Reason("onboarding"));
        }

        var date = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Rules.OnboardingInviteDays is { } days && start.DayNumber - Today.DayNumber <= days
            ? (Disposition.Import, "onboarding", new Reason("onboarding.early", date, days))
            : (exists ? Disposition.Keep : Disposition.Ignore, "onboarding", new Reason("onboarding.start", date));
    }

    /// <summary>Why the employee is outside the company's scope (or cannot be judged), or null when inside.</summary>
    private Reason? Scoped(PersonioEmployee employee, DirectoryUser? user)
    {
        var scope = Rules.Scope;
        return Check(scope.LegalEntities, PersonioOrganisation.LegalEntity, "legalEntity", employee.LegalEntity, user?.LegalEntityId, user?.LegalEntityName)
            ?? Check(scope.Offices, PersonioOrganisation.Office, "office", employee.Office, user?.OfficeId, user?.OfficeName)
            ?? Check(scope.Departments, PersonioOrganisation.Department, "department", employee.Department, user?.DepartmentId, user?.DepartmentName);
    }

    private Reason? Check(ScopeList list, string attribute, string field, PersonioRef? unit, string? previousId, string? previousName)
    {
        if (list.IsAll)
        {
            return null;
        }

        if (Unreadable.Contains(attribute))
        {
            return new Reason("scope_unknown", attribute);
        }

        if (list.Admits(unit?.Id))
        {
            return null;
        }

        if (unit is null)
        {
            return new Reason("out_of_scope.none", new Reason("field." + field));
        }

        var shown = OrgText.Unit(unit.Id, unit.Name)!;
        return previousId is not null && previousId != unit.Id && list.Admits(previousId)
            ? new Reason("out_of_scope.moved", new Reason("field." + field), OrgText.Unit(previousId, previousName)!, shown)
            : new Reason("out_of_scope", new Reason("field." + field), shown);
    }
}
