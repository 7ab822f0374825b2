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
    /// <summary>
    /// Payment data: the IBAN, personnel and creditor number as stored, sealed (encrypted at rest by the application,
    /// columns wide enough for the sealed form; columns <c>Iban</c>, <c>PersonnelNumber</c>, <c>CreditorNumber</c>).
    /// Only the host's payment-data seal reads or writes them; a value from before sealing is in clear until the
    /// start-up pass seals it.
    /// </summary>
    public string? SealedIban { get; set; }
    public string? SealedPersonnelNumber { get; set; }
    public string? SealedCreditorNumber { get; set; }

    /// <summary>
    /// Keyed fingerprints of the opened IBAN, personnel and creditor number (<see cref="PaymentFingerprints"/>), so a run
    /// tells an unchanged value without opening it; null when not known, and then the values are opened.
    /// </summary>
    public string? PaymentFingerprint { get; set; }

    /// <summary>When the user was last deactivated; null while active or invited. Retention of payment data counts from it.</summary>
    public DateTime? DeactivatedAt { get; set; }

    /// <summary>When retention erased the payment data of this deactivated user; null otherwise.</summary>
    public DateTime? PaymentDataErasedAt { get; set; }
    public UserRole Role { get; set; }
    public UserSource Source { get; set; }

    /// <summary>
    /// Where the person sits, as Personio says (ids as Personio sends them, names where known); empty for hand-made
    /// users. A field the credential cannot read keeps its value.
    /// </summary>
    public string? LegalEntityId { get; set; }
    public string? LegalEntityName { get; set; }
    public string? OfficeId { get; set; }
    public string? OfficeName { get; set; }
    public string? DepartmentId { get; set; }
    public string? DepartmentName { get; set; }
    public string? TeamId { get; set; }
    public string? TeamName { get; set; }

    /// <summary>Cost centers with their weights, the primary (highest weight, then lowest id) first.</summary>
    public List<CostCenterShare> CostCenters { get; set; } = [];

    /// <summary>The primary cost center's id, which bookings default to; the user list filters by it.</summary>
    public string? PrimaryCostCenterId { get; set; }

    /// <summary>The supervisor's Personio employee id, as read.</summary>
    public long? SupervisorEmployeeId { get; set; }

    /// <summary>The supervisor's directory user, when the supervisor is an active or invited user of this company.</summary>
    public Guid? ManagerId { get; set; }

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

/// <summary>A cost center a user is booked to, with its weight in percent.</summary>
public sealed record CostCenterShare(string Id, string? Name, decimal Weight)
{
    /// <summary>Primary first: the highest weight, then the lowest id (ordinal), so the order never depends on Personio's.</summary>
    public static List<CostCenterShare> Ordered(IEnumerable<CostCenterShare> shares) =>
        [.. shares.OrderByDescending(s => s.Weight).ThenBy(s => s.Id, StringComparer.Ordinal)];
}

/// <summary>How org data reads in diffs and the audit trail: "Name (id)", or the id alone when no name is known.</summary>
public static class OrgText
{
    public static string? Unit(string? id, string? name) => id is null ? null : name is null ? id : $"{name} ({id})";

    public static string? CostCenters(IReadOnlyCollection<CostCenterShare> shares) => shares.Count == 0
        ? null
        : string.Join(", ", shares.Select(s => $"{Unit(s.Id, s.Name)} {s.Weight.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}%"));
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
