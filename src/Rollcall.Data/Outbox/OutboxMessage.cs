namespace Rollcall.Data.Outbox;

/// <summary>
/// An email to send, written in the same transaction as its cause. The idempotency key makes one cause yield
/// at most one message.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public Guid CompanyId { get; set; }
    public MessageKind Kind { get; set; }

    /// <summary>
    /// Unique: one cause, one message. E.g. <c>invitation:{userId}:run:{runId}</c>, <c>invitation:{userId}:created</c>,
    /// <c>invitation:{userId}:resend:{guid}</c>, <c>credentials-rejected:{companyId}:{connectedAt}</c>.
    /// </summary>
    public required string IdempotencyKey { get; set; }

    /// <summary>The user invited, for invitations.</summary>
    public Guid? UserId { get; set; }

    /// <summary>The invitation (and so the link) this message carries, for invitations.</summary>
    public Guid? InvitationId { get; set; }

    /// <summary>The sync run that caused the message, if any: the per-run invitation cap counts by it.</summary>
    public Guid? RunId { get; set; }

    /// <summary>What the message is about, as a short code.</summary>
    public string? Topic { get; set; }

    /// <summary>
    /// An admin notification's language-neutral arguments as a JSON object (no secrets), worded when sent; rows queued
    /// before notifications were typed hold an English sentence here instead.
    /// </summary>
    public string? Detail { get; set; }

    public MessageState State { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>Held messages wait for an admin (over the per-run invitation cap, or outside the domain allow-list).</summary>
    public bool Held { get; set; }

    /// <summary>Why the message is held: <see cref="HoldReasons"/>.</summary>
    public string? HeldReason { get; set; }

    /// <summary>Queued while the company's test mode was on: the invitation goes to the company's admins instead.</summary>
    public bool TestMode { get; set; }

    /// <summary>The dispatcher that claimed the message and until when; another node takes it over once the claim lapses.</summary>
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntil { get; set; }
}

public static class HoldReasons
{
    public const string DomainNotAllowed = "domain_not_allowed";
    public const string OverRunCap = "over_run_cap";
}

public enum MessageKind
{
    Invitation,
    AdminNotification,
}

public enum MessageState
{
    Pending,
    Sent,
    Failed,

    /// <summary>Not sent and never will be: discarded by an admin, or an invitation replaced or no longer wanted.</summary>
    Cancelled,
}
