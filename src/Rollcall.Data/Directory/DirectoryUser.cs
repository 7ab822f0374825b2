namespace Rollcall.Data.Directory;

/// <summary>
/// A person in a company's user directory. Either managed by Personio (anchored on
/// <see cref="PersonioEmployeeId"/>) or created by hand; only managed users are ever changed by a sync.
/// </summary>
public sealed class DirectoryUser
{
    public Guid Id { get; set; }
    public Guid CompanyId { get; set; }

    public required string FirstName { get; set; }
    public required string LastName { get; set; }

    public string Email
    {
        get;
        set
        {
            field = value.Trim();
            NormalizedEmail = NormalizeEmail(field);
        }
    } = "";

    /// <summary>Upper-cased email; unique per company, so emails compare case-insensitively.</summary>
    public string NormalizedEmail { get; private set; } = "";

    public UserStatus Status { get; set; }
    public EmploymentType EmploymentType { get; set; }
    public string? Iban { get; set; }
    public string? PersonnelNumber { get; set; }
    public string? CreditorNumber { get; set; }
    public UserRole Role { get; set; }
    public UserSource Source { get; set; }

    /// <summary>The stable anchor of a Personio-managed user: Personio's employee id.</summary>
    public long? PersonioEmployeeId { get; set; }

    /// <summary>The login account, once the person has one (admins; members after accepting an invitation).</summary>
    public Guid? AccountId { get; set; }

    /// <summary>When the person accepted their invitation; a reactivated user goes back to active only if set.</summary>
    public DateTime? AcceptedAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency: an admin's edit and a sync run never silently overwrite each other.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public static string NormalizeEmail(string email) => email.Trim().ToUpperInvariant();
}

public enum UserStatus
{
    Invited,
    Active,
    Deactivated,
}

public enum EmploymentType
{
    Internal,
    External,
}

public enum UserRole
{
    Member,
    Admin,
}

public enum UserSource
{
    Manual,
    Personio,
}
