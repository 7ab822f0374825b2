namespace Rollcall.Personio;

/// <summary>
/// An employee as Rollcall reads it from Personio, whichever API version it came from. A field Personio did not
/// send (not readable by the credential) is null; <see cref="CustomAttributes"/> holds only the attributes that
/// were sent, so "not readable" and "empty in Personio" stay apart.
/// </summary>
public sealed record PersonioEmployee
{
    public required long Id { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public PersonioStatus? Status { get; init; }
    public PersonioEmploymentType? EmploymentType { get; init; }
    public long? SupervisorId { get; init; }
    public PersonioRef? LegalEntity { get; init; }
    public PersonioRef? Office { get; init; }
    public PersonioRef? Department { get; init; }
    public PersonioRef? Team { get; init; }
    /// <summary>Cost centers with their weights (percent); empty when none are booked or the attribute is not readable.</summary>
    public IReadOnlyList<PersonioCostCenter> CostCenters { get; init; } = [];
    public DateOnly? HireDate { get; init; }
    public DateOnly? TerminationDate { get; init; }
    public DateTimeOffset? LastModifiedAt { get; init; }

    /// <summary>Custom attributes by key (<c>dynamic_NNN</c>), as text; may hold IBANs, so never log them.</summary>
    public IReadOnlyDictionary<string, string?> CustomAttributes { get; init; } = new Dictionary<string, string?>();

    /// <summary>Only the id: the record carries personal data (IBANs) that must not reach logs.</summary>
    public override string ToString() => $"Personio employee {Id}";
}

/// <summary>A reference to another Personio object (office, department, legal entity…); the name when Personio sends it.</summary>
public sealed record PersonioRef(string Id, string? Name);

/// <summary>A cost center an employee is booked to, with its weight in percent (v1 <c>percentage</c>, v2 <c>weight</c>).</summary>
public sealed record PersonioCostCenter(string Id, string? Name, decimal Weight);

/// <summary>The v1 attribute keys of where an employee sits; each may be missing from a credential's readable attributes.</summary>
public static class PersonioOrganisation
{
    public const string Supervisor = "supervisor";
    public const string LegalEntity = "subcompany";
    public const string Office = "office";
    public const string Department = "department";
    public const string Team = "team";
    public const string CostCenters = "cost_centers";

    public static readonly IReadOnlyList<string> Attributes = [Supervisor, LegalEntity, Office, Department, Team, CostCenters];
}

public enum PersonioStatus
{
    Unknown,
    Onboarding,
    Active,
    Leave,
    Inactive,
}

public enum PersonioEmploymentType
{
    /// <summary>A value Rollcall does not know.</summary>
    Unknown,
    Internal,
    External,

    /// <summary>Empty in Personio (v1 null or "", v2 <c>UNSPECIFIED</c>).</summary>
    NotSet,
}
