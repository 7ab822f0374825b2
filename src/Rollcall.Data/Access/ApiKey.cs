namespace Rollcall.Data.Access;

/// <summary>
/// A key for the JSON API. It acts as its account, within its company only. Only a SHA-256 hash of the
/// secret part is stored; the key itself is shown once, when it is created.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }
    public Guid CompanyId { get; set; }
    public Guid AccountId { get; set; }
    public required string Name { get; set; }

    /// <summary>The public, non-secret part of the key (<c>rk_{Prefix}_…</c>), used to find the row.</summary>
    public required string Prefix { get; set; }

    /// <summary>Hex SHA-256 of the whole key.</summary>
    public required string Hash { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    /// <summary>After this instant the key no longer authenticates; null: no expiry.</summary>
    public DateTime? ExpiresAt { get; set; }

    /// <summary>A read-only key may only read (GET, HEAD): every write answers 403.</summary>
    public bool ReadOnly { get; set; }
}
