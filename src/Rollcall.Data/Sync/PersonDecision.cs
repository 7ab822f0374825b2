namespace Rollcall.Data.Sync;

/// <summary>
/// What the last run decided for one person in Personio, and why: a row of the explorer. One row per person, written
/// only when the decision or what it shows changes, so an unchanged nightly run writes nothing here.
/// </summary>
public sealed class PersonDecision
{
    public const int NameLength = 400;

    public Guid CompanyId { get; set; }
    public long PersonioEmployeeId { get; set; }

    public string? Name { get; set; }
    public string? Email { get; set; }

    /// <summary>Upper-cased "name email #id", for a case-insensitive search in one column.</summary>
    public string SearchText { get; set; } = "";

    /// <summary>Personio's status and employment type as read (lower case), null when not sent.</summary>
    public string? Status { get; set; }
    public string? EmploymentType { get; set; }
    public DateOnly? HireDate { get; set; }

    public string? LegalEntityId { get; set; }
    public string? LegalEntityName { get; set; }
    public string? OfficeId { get; set; }
    public string? OfficeName { get; set; }
    public string? DepartmentId { get; set; }
    public string? DepartmentName { get; set; }

    public PersonOutcome Outcome { get; set; }

    /// <summary>A stable code (<c>active</c>, <c>out_of_scope</c>, <c>no_email</c>…) and the reason shown.</summary>
    public required string ReasonCode { get; set; }
    public Reason? Reason { get; set; }

    /// <summary>The person's user in this company, if they have one.</summary>
    public Guid? UserId { get; set; }

    /// <summary>The run that last changed this row, and when it ran.</summary>
    public Guid RunId { get; set; }
    public DateTime DecidedAt { get; set; }
}

/// <summary>Whether a person is a user, and if not, the kind of why.</summary>
public enum PersonOutcome
{
    /// <summary>A user (created, kept up to date, linked or reactivated).</summary>
    User,

    /// <summary>Not a user: Personio's data says so (inactive, external, leave, onboarding, out of scope).</summary>
    NotUser,

    /// <summary>Should be a user, but a problem with their record stops it (no email, duplicate email…).</summary>
    Skipped,

    /// <summary>Deactivated or to be deactivated by this run, or held for approval.</summary>
    Leaving,
}
