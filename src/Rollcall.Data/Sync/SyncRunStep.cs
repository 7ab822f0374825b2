using Rollcall.Data.Audit;

namespace Rollcall.Data.Sync;

/// <summary>What a run did, or would do, for one employee or user, and why.</summary>
public sealed class SyncRunStep
{
    public const int SubjectLength = 600;

    public long Id { get; set; }
    public Guid RunId { get; set; }
    public Guid CompanyId { get; set; }
    public StepKind Kind { get; set; }
    public long? PersonioEmployeeId { get; set; }
    public Guid? UserId { get; set; }

    /// <summary>Name and email as shown to the admin (never an IBAN).</summary>
    public string? Subject { get; set; }

    /// <summary>
    /// A stable code (e.g. <c>no_email</c>, <c>invalid_iban</c>, <c>changed</c>) and why, as a reason rendered when
    /// shown. The code is usually the reason's own; an update says <c>changed</c> with the policy's reason.
    /// </summary>
    public string? ReasonCode { get; set; }
    public Reason? Reason { get; set; }

    public List<FieldChange> Changes { get; set; } = [];
    public StepStatus Status { get; set; }

    /// <summary>
    /// Payment data the step needs that <see cref="Changes"/> shows only masked: the values before and after, sealed
    /// (encrypted by the application), so a held change can be applied on approval and a run undone. Null otherwise.
    /// </summary>
    public string? SealedValues { get; set; }

    /// <summary>Who approved or rejected this held change (an admin's email), and when; null while held or when not held.</summary>
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
}

public enum StepKind
{
    Create,
    Update,
    Link,
    Deactivate,
    Reactivate,
    Skip,
    Warn,
}

public enum StepStatus
{
    /// <summary>Part of a dry run: shown, never applied.</summary>
    Planned,
    Applied,

    /// <summary>A change held back for an admin: a deactivation (mass-change guard) or a payment-data change (payment guard).</summary>
    Held,

    /// <summary>A held change an admin rejected, or that a newer run superseded.</summary>
    Dropped,

    /// <summary>Nothing to apply (skips and warnings).</summary>
    Noted,
}
