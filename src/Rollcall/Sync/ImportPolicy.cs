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
/// Which employees should be users. Default: active and internal; leave keeps an existing user; onboarding waits
/// until active. One object, so later rules (treating leave as active, scoping to legal entities…) slot in here.
/// </summary>
internal sealed record ImportPolicy(LeavePolicy Leave)
{
    public (Disposition Disposition, string ReasonCode, Reason Reason) Decide(PersonioEmployee employee, DirectoryUser? user)
    {
        var exists = user is not null;
        if (employee.EmploymentType == PersonioEmploymentType.External)
        {
            return (exists ? Disposition.Remove : Disposition.Ignore, "external", new Reason("external"));
        }

        if (employee.Status == PersonioStatus.Active && employee.EmploymentType != PersonioEmploymentType.Internal)
        {
            // "Active and internal" needs both: an empty or unknown type waits for HR, and an existing user stays as is.
            return employee.EmploymentType == PersonioEmploymentType.Unknown
                ? (Disposition.Keep, "unknown_employment_type", new Reason("unknown_employment_type"))
                : (Disposition.Keep, "no_employment_type", new Reason("no_employment_type"));
        }

        return employee.Status switch
        {
            PersonioStatus.Active => (Disposition.Import, "active", new Reason("active")),
            PersonioStatus.Inactive => (exists ? Disposition.Remove : Disposition.Ignore, "inactive", new Reason("inactive")),
            PersonioStatus.Leave when Leave == LeavePolicy.Deactivate =>
                (exists ? Disposition.Remove : Disposition.Ignore, "leave", new Reason("leave.deactivates")),
            PersonioStatus.Leave => (exists ? Disposition.Keep : Disposition.Ignore, "leave", new Reason("leave.kept")),
            PersonioStatus.Onboarding => (exists ? Disposition.Keep : Disposition.Ignore, "onboarding",
                employee.HireDate is { } start ? new Reason("onboarding.start", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : new Reason("onboarding")),
            _ => (Disposition.Keep, "unknown_status", new Reason("unknown_status")),
        };
    }
}
