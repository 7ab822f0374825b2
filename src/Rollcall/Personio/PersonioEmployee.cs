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
    public IReadOnlyList<PersonioRef> CostCenters { get; init; } = [];
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
