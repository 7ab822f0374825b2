namespace Rollcall.Data.Outbox;

/// <summary>
/// A link to accept an invitation: single use, expiring, bound to the address it was sent to, and only the newest one
/// of a user counts (issuing a new one revokes the older ones). Only the SHA-256 of the token is kept to look it up; the token itself is kept encrypted
/// until its message has been sent, because the message is rendered when it is sent.
/// </summary>
public sealed class Invitation
{
    public Guid Id { get; set; }
    public Guid CompanyId { get; set; }
    public Guid UserId { get; set; }

    /// <summary>The address the link was sent to (normalized): if the user's address changes, the link stops working.</summary>
    public string NormalizedEmail { get; set; } = "";

    /// <summary>Sent to the admins in test mode: shows what the person would get, but cannot be accepted.</summary>
    public bool TestOnly { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token in the link.</summary>
    public required string TokenHash { get; set; }

    /// <summary>The token, encrypted with Data Protection; cleared once the message carrying it is sent or cancelled.</summary>
    public string? ProtectedToken { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    /// <summary>Someone with the expired or replaced link asked for a new one (at most once per link).</summary>
    public DateTime? RenewalRequestedAt { get; set; }
}
