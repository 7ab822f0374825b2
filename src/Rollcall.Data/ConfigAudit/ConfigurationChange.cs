using Rollcall.Data.Audit;

namespace Rollcall.Data.ConfigAudit;

/// <summary>
/// One change to a company's configuration (credentials, mapping, import rules, guards, mail rails, API keys, approvals,
/// undo): who made it, when, and what changed, field by field. Secrets never: a credential change shows its client id
/// and that the secret changed, never the secret.
/// </summary>
public sealed class ConfigurationChange
{
    public long Id { get; set; }
    public Guid CompanyId { get; set; }
    public DateTime At { get; set; }

    /// <summary><c>admin</c> (a signed-in admin), <c>api_key</c>, <c>cli</c> or <c>system</c>.</summary>
    public required string ActorKind { get; set; }

    /// <summary>The account id, API key id, or a system name.</summary>
    public required string ActorId { get; set; }

    /// <summary>How the actor reads to a human, e.g. the admin's email or the API key's name.</summary>
    public required string ActorName { get; set; }

    /// <summary>A stable code, e.g. <c>credentials.connected</c>, <c>mapping.changed</c>, <c>api_key.revoked</c>.</summary>
    public required string Action { get; set; }

    /// <summary>What the change is about when not the company as a whole, e.g. an API key's name or a run id.</summary>
    public string? Subject { get; set; }

    public List<FieldChange> Changes { get; set; } = [];
}
