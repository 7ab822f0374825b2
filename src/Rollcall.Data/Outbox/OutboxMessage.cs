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

    /// <summary>Unique: e.g. <c>invitation:{userId}:{runId}</c> or <c>credentials-rejected:{companyId}:{time}</c>.</summary>
    public required string IdempotencyKey { get; set; }

    /// <summary>The user invited, for invitations.</summary>
    public Guid? UserId { get; set; }

    /// <summary>What the message is about, as a short code and human text (no secrets).</summary>
    public string? Topic { get; set; }
    public string? Detail { get; set; }

    public MessageState State { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>Held messages wait for an admin (over the per-run invitation cap, or outside the domain allow-list).</summary>
    public bool Held { get; set; }
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
}
