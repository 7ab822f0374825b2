namespace Rollcall.Data.Audit;

/// <summary>One change to a user, with its cause and field-by-field diffs (IBANs masked).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public Guid CompanyId { get; set; }
    public Guid UserId { get; set; }
    public DateTime At { get; set; }
    public ChangeCauseKind CauseKind { get; set; }

    /// <summary>The account id of an admin, or the run id of a sync run.</summary>
    public required string CauseId { get; set; }

    /// <summary>How the cause reads to a human, e.g. the admin's email.</summary>
    public required string CauseName { get; set; }

    public required string Action { get; set; }
    public List<FieldChange> Changes { get; set; } = [];
}

public sealed record FieldChange(string Field, string? Before, string? After);

public enum ChangeCauseKind
{
    Admin,
    SyncRun,
    System,

    /// <summary>The person the user record describes, e.g. accepting their invitation.</summary>
    Person,
}

/// <summary>Who or what is changing users: written into every audit entry the change produces.</summary>
public sealed record ChangeCause(ChangeCauseKind Kind, string Id, string Name)
{
    public static ChangeCause Admin(Guid accountId, string email) => new(ChangeCauseKind.Admin, accountId.ToString(), email);

    public static ChangeCause System(string what) => new(ChangeCauseKind.System, what, what);
}

public static class AuditActions
{
    public const string UserCreated = "user.created";
    public const string UserUpdated = "user.updated";
    public const string UserDeleted = "user.deleted";
    public const string InvitationResent = "user.invitation_resent";
}
