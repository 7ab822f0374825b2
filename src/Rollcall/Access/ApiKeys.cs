using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Access;

namespace Rollcall.Access;

/// <summary>
/// Issues and checks API keys of the form <c>rk_{prefix}_{secret}</c>. Only the prefix and a SHA-256 hash are
/// stored: the secret part has 256 bits of entropy, so a fast hash is enough and no salt is needed.
/// </summary>
internal sealed class ApiKeys(RollcallDbContext db, TimeProvider time)
{
    private const string Scheme = "rk";
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public sealed record IssuedKey(ApiKey Row, string Key);

    /// <summary>Issues a key that may read and write and never expires.</summary>
    public Task<IssuedKey> IssueAsync(Guid companyId, Guid accountId, string name, CancellationToken ct) =>
        IssueAsync(companyId, accountId, name, readOnly: false, expiresAt: null, ct);

    /// <summary>Issues a key; <paramref name="readOnly"/> keys may only read, and a key with <paramref name="expiresAt"/> stops working then.</summary>
    public async Task<IssuedKey> IssueAsync(Guid companyId, Guid accountId, string name, bool readOnly, DateTime? expiresAt, CancellationToken ct)
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var key = $"{Scheme}_{prefix}_{secret}";
        var row = new ApiKey
        {
            Id = Guid.NewGuid(),
            CompanyId = companyId,
            AccountId = accountId,
            Name = name.Trim(),
            Prefix = prefix,
            Hash = HashOf(key),
            CreatedAt = time.GetUtcNow().UtcDateTime,
            ReadOnly = readOnly,
            ExpiresAt = expiresAt,
        };
        db.ApiKeys.Add(row);
        await db.SaveChangesAsync(ct);
        return new IssuedKey(row, key);
    }

    /// <summary>The active key matching <paramref name="presented"/>, or null (unknown, revoked or expired).</summary>
    public async Task<ApiKey?> FindAsync(string presented, CancellationToken ct)
    {
        var parts = presented.Split('_');
        if (parts is not [Scheme, var prefix, var secret] || prefix.Length != 12 || secret.Length != 64)
        {
            return null;
        }

        var row = await db.ApiKeys.SingleOrDefaultAsync(k => k.Prefix == prefix && k.RevokedAt == null, ct);
        if (row is null || !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(row.Hash), Encoding.ASCII.GetBytes(HashOf(presented))))
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (row.ExpiresAt is { } expires && expires <= now)
        {
            return null;
        }

        if (row.LastUsedAt is null || now - row.LastUsedAt >= LastUsedResolution)
        {
            row.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }

        return row;
    }

    public async Task<bool> RevokeAsync(Guid companyId, Guid keyId, CancellationToken ct)
    {
        var row = await db.ApiKeys.SingleOrDefaultAsync(k => k.CompanyId == companyId && k.Id == keyId && k.RevokedAt == null, ct);
        if (row is null)
        {
            return false;
        }

        row.RevokedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
