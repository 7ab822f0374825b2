using System.Security.Cryptography;
using System.Text;

namespace Rollcall.Personio;

/// <summary>A Personio API credential. Its text form never shows the secret.</summary>
public sealed class PersonioCredentials(string clientId, string clientSecret)
{
    public string ClientId { get; } = clientId.Trim();
    public string ClientSecret { get; } = clientSecret.Trim();

    /// <summary>Identifies the credential pair without revealing the secret: a new secret gives a new key.</summary>
    internal string CacheKey { get; } = Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes(clientId.Trim() + "\n" + clientSecret.Trim())));

    public override string ToString() => $"{ClientId} (secret hidden)";
}
