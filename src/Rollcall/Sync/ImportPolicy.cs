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
/// Which employees should be users. Default: active and internal; leave keeps an existing user; onboarding waits
/// until active. One object, so later rules (treating leave as active, scoping to legal entities…) slot in here.
/// </summary>
internal sealed record ImportPolicy(LeavePolicy Leave)
{
    public (Disposition Disposition, string ReasonCode, string Reason) Decide(PersonioEmployee employee, DirectoryUser? user)
    {
        var exists = user is not null;
        if (employee.EmploymentType == PersonioEmploymentType.External)
        {
            return (exists ? Disposition.Remove : Disposition.Ignore, "external", "External in Personio: only internal employees are users.");
        }

        if (employee.Status == PersonioStatus.Active && employee.EmploymentType != PersonioEmploymentType.Internal)
        {
            // "Active and internal" needs both: an empty or unknown type waits for HR, and an existing user stays as is.
            return employee.EmploymentType == PersonioEmploymentType.Unknown
                ? (Disposition.Keep, "unknown_employment_type",
                    "Active in Personio, but its employment type is not one Rollcall knows; skipped (an existing user stays as is).")
                : (Disposition.Keep, "no_employment_type",
                    "Active in Personio, but without an employment type; skipped until HR sets it (an existing user stays as is).");
        }

        return employee.Status switch
        {
            PersonioStatus.Active => (Disposition.Import, "active", "Active and internal in Personio."),
            PersonioStatus.Inactive => (exists ? Disposition.Remove : Disposition.Ignore, "inactive", "Inactive in Personio."),
            PersonioStatus.Leave when Leave == LeavePolicy.Deactivate =>
                (exists ? Disposition.Remove : Disposition.Ignore, "leave", "On leave in Personio; the policy deactivates users on leave."),
            PersonioStatus.Leave => (exists ? Disposition.Keep : Disposition.Ignore, "leave", "On leave in Personio: an existing user stays as is; no new user until active."),
            PersonioStatus.Onboarding => (exists ? Disposition.Keep : Disposition.Ignore, "onboarding",
                employee.HireDate is { } start ? $"Onboarding in Personio; becomes a user once active (start {start:yyyy-MM-dd})." : "Onboarding in Personio; becomes a user once active."),
            _ => (Disposition.Keep, "unknown_status", "Personio's status for this employee is not one Rollcall knows; nothing changed."),
        };
    }
}
